import type { Tip } from './git-history.js';
import type { GitObjectReader } from './git-objects.js';

const TREE_MODE = '40000';
const GITLINK_MODE = '160000';

/**
 * Which of `blobs` can still be read at the tip of each ref: the tip commit's tree is walked, each
 * distinct subtree once (tags and branches share most of theirs). Returns blob → refs holding it.
 * A commit or tree that cannot be read is given to `unreadable`: what it holds is not known.
 */
export async function blobsAtTips(
  reader: GitObjectReader,
  tips: readonly Tip[],
  blobs: ReadonlySet<string>,
  unreadable: (oid: string) => void = () => undefined,
): Promise<Map<string, Set<string>>> {
  const exposed = new Map<string, Set<string>>();
  if (blobs.size === 0 || tips.length === 0) return exposed;
  const trees = new Map<string, Promise<readonly string[]>>();

  const treeHits = (oid: string): Promise<readonly string[]> => {
    let hits = trees.get(oid);
    if (!hits) {
      hits = walkTree(oid);
      trees.set(oid, hits);
    }
    return hits;
  };

  const walkTree = async (oid: string): Promise<readonly string[]> => {
    const result = await reader.read(oid);
    if (result.kind !== 'content') unreadable(oid);
    if (result.kind !== 'content' || result.type !== 'tree') return [];
    const hits: string[] = [];
    const subtrees: Promise<readonly string[]>[] = [];
    for (const entry of treeEntries(result.data, oid.length / 2)) {
      if (entry.mode === TREE_MODE) subtrees.push(treeHits(entry.oid));
      else if (entry.mode !== GITLINK_MODE && blobs.has(entry.oid)) hits.push(entry.oid);
    }
    for (const sub of await Promise.all(subtrees)) hits.push(...sub);
    return hits;
  };

  const commitTrees = new Map<string, Promise<string | undefined>>();
  await Promise.all(
    tips.map(async ({ ref, commit }) => {
      let tree = commitTrees.get(commit);
      if (!tree) {
        tree = reader.read(commit).then((result) => {
          if (result.kind === 'content') return /^tree ([0-9a-f]+)\n/.exec(result.data.toString('latin1', 0, 100))?.[1];
          unreadable(commit);
          return undefined;
        });
        commitTrees.set(commit, tree);
      }
      const treeOid = await tree;
      if (!treeOid) return;
      for (const blob of await treeHits(treeOid)) {
        let refs = exposed.get(blob);
        if (!refs) exposed.set(blob, (refs = new Set()));
        refs.add(ref);
      }
    }),
  );
  return exposed;
}

/** Entries of a raw tree object: "<mode> <name>\0" then the binary object id. */
export function* treeEntries(data: Buffer, hashBytes: number): Generator<{ mode: string; name: string; oid: string }> {
  let at = 0;
  while (at < data.length) {
    const space = data.indexOf(0x20, at);
    const nul = data.indexOf(0, space + 1);
    if (space === -1 || nul === -1 || nul + 1 + hashBytes > data.length) return;
    yield { mode: data.toString('latin1', at, space), name: data.toString('utf8', space + 1, nul), oid: data.toString('hex', nul + 1, nul + 1 + hashBytes) };
    at = nul + 1 + hashBytes;
  }
}
