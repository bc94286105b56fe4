/**
 * Whether a run with nothing to scan (a commit with nothing staged) still writes a report: one
 * for a file (-o), or in a format other than text, which a reader parses (an empty JSON or SARIF
 * report, not no output at all). Text says nothing.
 */
export function owesEmptyReport(format: string, output: string | undefined): boolean {
  return output !== undefined || format !== 'text';
}
