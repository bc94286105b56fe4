import { describe, expect, it } from 'vitest';
import { findingContext, pathContext } from '../../src/detect/path-context.js';

describe('pathContext', () => {
  it('names tests, docs and examples by directory and file name', () => {
    const cases: [string, string | undefined][] = [
      ['test/unit/a.py', 'test'], ['pkg/tests/conftest.py', 'test'], ['src/__tests__/x.ts', 'test'], ['spec/models/user_spec.rb', 'test'],
      ['fixtures/creds.json', 'test'], ['go/testdata/cfg.yaml', 'test'], ['src/client.test.ts', 'test'], ['api/client_test.go', 'test'], ['web/app.spec.js', 'test'],
      ['docs/setup.txt', 'docs'], ['doc/build/engines.rst', 'docs'], ['README.md', 'docs'], ['src/NOTES.markdown', 'docs'],
      ['examples/quickstart/app.py', 'example'], ['example/app.py', 'example'], ['example-app/config.py', 'example'], ['Examples/a.cs', 'example'],
      ['src/app.py', undefined], ['testing/x.py', undefined], ['lib/contest/u.py', undefined], ['latest/x.py', undefined], ['documents/a.txt', undefined],
      // The nearest directory names it; a file name wins over directories.
      ['docs/examples/config.yaml', 'example'], ['examples/docs/config.yaml', 'docs'], ['tests/README.md', 'docs'], ['examples/client_test.go', 'test'],
      ['dist/app.jar!tests/app.properties', 'test'], ['test-data.zip!config/app.env', undefined],
    ];
    for (const [path, context] of cases) expect(pathContext(path), path).toBe(context);
  });

  it('a secret in a commit message, an author or a ref name has no context', () => {
    expect(findingContext({ path: 'tests/a.py' })).toBe('test');
    expect(findingContext({ path: 'tests/a.py', foundIn: 'path' })).toBe('test');
    expect(findingContext({ path: 'refs/heads/test/x', foundIn: 'ref-name' })).toBeUndefined();
    expect(findingContext({ path: 'docs/x', foundIn: 'commit-message' })).toBeUndefined();
  });
});
