import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { REPO_ROOT, runCli } from '../helpers/cli.js';

/**
 * The workflow and manifests docs/scale.md shows are real files: each must parse, carry what its
 * engine requires, and call secretsift only with options it has.
 */

type Node = Record<string, unknown>;

function documents(name: string): Node[] {
  const text = readFileSync(path.join(REPO_ROOT, 'docs', 'examples', name), 'utf8');
  return parseAllDocuments(text).map((document) => {
    expect(document.errors, name).toEqual([]);
    return document.toJS() as Node;
  });
}

function object(value: unknown, where: string): Node {
  expect(typeof value === 'object' && value !== null && !Array.isArray(value), `${where} is a mapping`).toBe(true);
  return value as Node;
}

function list(value: unknown, where: string): unknown[] {
  expect(Array.isArray(value), `${where} is a list`).toBe(true);
  return value as unknown[];
}

/** Every `secretsift <command> …` in the shell lines of a file: the command and the long options it passes. */
function secretsiftCalls(texts: readonly string[]): { command: string; flags: string[] }[] {
  const calls: { command: string; flags: string[] }[] = [];
  for (const text of texts) {
    for (const match of text.matchAll(/\bsecretsift (history|scan|merge)\b([^;&|\n]*)/g)) {
      calls.push({ command: match[1] as string, flags: [...(match[2] as string).matchAll(/(?<=\s)--[a-z][a-z-]*/g)].map((flag) => flag[0]) });
    }
  }
  return calls;
}

async function expectKnownOptions(texts: readonly string[], name: string): Promise<void> {
  const calls = secretsiftCalls(texts);
  expect(calls.length, `${name} runs secretsift`).toBeGreaterThan(0);
  const helps = new Map<string, string>();
  for (const { command, flags } of calls) {
    if (!helps.has(command)) helps.set(command, (await runCli([command, '--help'])).stdout);
    for (const flag of flags) expect(helps.get(command), `${name}: secretsift ${command} ${flag}`).toMatch(new RegExp(`${flag}\\b`));
  }
}

function workflowRuns(workflow: Node): string[] {
  return Object.values(object(workflow.jobs, 'jobs')).flatMap((job) => list(object(job, 'job').steps, 'steps').map((step) => String(object(step, 'step').run ?? '')));
}

/** What GitHub Actions requires: triggers, jobs each with a runner and steps, pinned actions. */
function checkWorkflow(workflow: Node, name: string): Record<string, Node> {
  expect(workflow.on, `${name}: on`).toBeDefined();
  const jobs = object(workflow.jobs, `${name}: jobs`) as Record<string, Node>;
  for (const [id, job] of Object.entries(jobs)) {
    expect(typeof job['runs-on'], `${name}: jobs.${id}.runs-on`).toBe('string');
    const steps = list(job.steps, `${name}: jobs.${id}.steps`);
    expect(steps.length).toBeGreaterThan(0);
    for (const step of steps) {
      const { uses, run } = object(step, `${name}: a step of ${id}`);
      expect(typeof uses === 'string' || typeof run === 'string', `${name}: a step of ${id} uses or runs something`).toBe(true);
      if (typeof uses === 'string') expect(uses, `${name}: ${uses} is pinned`).toMatch(/^[\w.-]+\/[\w./-]+@v\d+/);
    }
  }
  return jobs;
}

function needs(job: Node): string[] {
  return typeof job.needs === 'string' ? [job.needs] : Array.isArray(job.needs) ? job.needs.map(String) : [];
}

describe('docs/examples', () => {
  it('the sharded Actions workflow: a matrix of shards and a merge job after them that uploads SARIF', async () => {
    const [workflow] = documents('github-actions-sharded.yml');
    const jobs = checkWorkflow(workflow as Node, 'sharded');
    const scan = jobs.scan as Node;
    const shards = list(object(object(scan.strategy, 'strategy').matrix, 'matrix').shard, 'matrix.shard');
    expect(shards).toEqual([1, 2, 3]);
    expect(needs(jobs.merge as Node)).toContain('scan');
    const steps = list((jobs.merge as Node).steps, 'merge steps').map((step) => object(step, 'step'));
    expect(steps.some((step) => String(step.uses).startsWith('github/codeql-action/upload-sarif@'))).toBe(true);
    expect(object((jobs.merge as Node).permissions, 'permissions')['security-events']).toBe('write');
    const runs = workflowRuns(workflow as Node);
    expect(runs.join('\n')).toContain(`--shard \${{ matrix.shard }}/${shards.length}`);
    await expectKnownOptions(runs, 'sharded');
  });

  it('the organisation workflow: a matrix over the listed repositories, restoring and saving the blob cache', async () => {
    const [workflow] = documents('github-actions-org-scan.yml');
    const jobs = checkWorkflow(workflow as Node, 'org');
    expect(object(workflow?.on, 'on').schedule).toBeDefined();
    const scan = jobs.scan as Node;
    expect(object(object(scan.strategy, 'strategy').matrix, 'matrix').repo).toBeDefined();
    expect(needs(scan)).toContain('list');
    expect(needs(jobs.report as Node)).toContain('scan');
    const uses = list(scan.steps, 'steps').map((step) => String(object(step, 'step').uses ?? ''));
    expect(uses).toEqual(expect.arrayContaining(['actions/cache/restore@v4', 'actions/cache/save@v4']));
    const runs = workflowRuns(workflow as Node);
    expect(runs.join('\n')).toContain('--blob-cache');
    await expectKnownOptions(runs, 'org');
  });

  it('the Kubernetes manifest: an Indexed Job whose pods take their shard from the completion index', async () => {
    const [job, merge] = documents('kubernetes-indexed-job.yml');
    for (const document of [job, merge]) {
      expect(document?.apiVersion).toBe('batch/v1');
      expect(document?.kind).toBe('Job');
    }
    const spec = object(job?.spec, 'spec');
    expect(spec.completionMode).toBe('Indexed');
    expect(typeof spec.completions).toBe('number');
    expect(typeof spec.parallelism).toBe('number');
    const pod = object(object(spec.template, 'template').spec, 'template.spec');
    expect(['Never', 'OnFailure']).toContain(pod.restartPolicy);
    const [container] = list(pod.containers, 'containers').map((item) => object(item, 'container'));
    const env = list(container?.env, 'env').map((item) => object(item, 'env entry'));
    const index = env.find((entry) => entry.name === 'JOB_COMPLETION_INDEX');
    expect(JSON.stringify(index?.valueFrom)).toContain('batch.kubernetes.io/job-completion-index');
    expect(env.find((entry) => entry.name === 'SECRETSIFT_SHARD_TOTAL')?.value).toBe(String(spec.completions));
    const args = list(container?.args, 'args').map(String);
    expect(args.join(' ')).toContain('--shard auto');
    await expectKnownOptions([...args, ...list(object(object(object(merge?.spec, 'spec').template, 'template').spec, 'spec').containers, 'containers').flatMap((item) => list(object(item, 'c').args, 'args').map(String))], 'kubernetes');
  });
});
