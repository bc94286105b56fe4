/**
 * How much likelier each pair of letters is in words than among random letters: the digit at
 * [first][second] is log2 of that ratio, rounded and clamped to -5..4, plus 5. Made by
 * scripts/letter-pairs.mjs from TypeScript's compiler and lib .d.ts files: English as code uses it.
 * Text made of words scores above zero on average; random letters well below.
 */
const ROWS = [
  '05760270503777060878532350', // a
  '50006000440500600331500030', // b
  '72407007406700800667400010', // c
  '52049000700204600242500030', // d
  '75774630200779244988164850', // e
  '60006400700501600423600010', // f
  '30007023400426100454400000', // g
  '60007000600010500215000000', // h
  '64666760003769841587050404', // i
  '00005000000000000050000000', // j
  '30006000500002000030100000', // k
  '73058100700600720055640060', // l
  '66058000500340660020300000', // m
  '70777570503534820078640040', // n
  '35681640545669470865645004', // o
  '70038001500500640756400010', // p
  '00000000000000000000500000', // q
  '81549560703257700667530060', // r
  '40507304703201650178532360', // s
  '70409008800230750765700080', // t
  '43446330400667150765000000', // u
  '60007030500000500000000000', // v
  '40005004500002400300000000', // w
  '00202000300000060006000000', // x
  '01000000100154270031003000', // y
  '00004000400000000000000000', // z
];

const TABLE = new Int8Array(26 * 26);
ROWS.forEach((row, first) => {
  for (let second = 0; second < 26; second++) TABLE[first * 26 + second] = row.charCodeAt(second) - 0x30 - 5;
});

/** log2(likelihood in words / likelihood at random) of two ASCII letters, either case. */
export function letterPairScore(first: number, second: number): number {
  return TABLE[((first | 0x20) - 0x61) * 26 + ((second | 0x20) - 0x61)] as number;
}
