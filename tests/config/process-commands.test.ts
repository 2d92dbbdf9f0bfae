import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

/**
 * The long-running processes finish their work on SIGTERM (service: requests in flight; worker: the
 * pushes in hand). tsx's CLI stands between a signal and that handler: it waits 30 ms for the child
 * to report the signal and otherwise SIGKILLs it and exits 143, so on a busy machine a SIGTERM
 * became a kill (one CI run: the worker exited 143 instead of 0). Node with tsx as a loader gets
 * the signal itself.
 */
const NODE_WITH_TSX = ['node', '--import', 'tsx'];
/** a command line without its node flags (`--max-semi-space-size=32`): node, then tsx as a loader */
const withoutFlags = (argv: readonly string[]) => argv.filter((a, i) => i === 0 || !/^--(?!import$)/.test(a));

describe('process commands', () => {
  it('npm scripts that start a process run node with tsx as a loader, not the tsx CLI', async () => {
    const { scripts } = JSON.parse(await readFile('package.json', 'utf8')) as { scripts: Record<string, string> };
    for (const name of ['start', 'worker', 'staff-bot', 'chat']) {
      expect(withoutFlags(scripts[name]?.split(' ') ?? []).slice(0, 3), name).toEqual(NODE_WITH_TSX);
    }
    const throughCli = Object.entries(scripts).filter(([, line]) => /(^|&&\s*)(npx )?tsx /.test(line));
    expect(throughCli).toEqual([]);
  });

  it('the image runs the service exactly as npm start does, node flags included', async () => {
    const { scripts } = JSON.parse(await readFile('package.json', 'utf8')) as { scripts: Record<string, string> };
    const cmd = /^CMD (.*)$/m.exec(await readFile('Dockerfile', 'utf8'))?.[1];
    expect(JSON.parse(cmd ?? 'null')).toEqual(scripts.start!.split(' '));
    expect(scripts.start).toContain('--max-semi-space-size=');
    // npm run bench measures the bot in its own process (the turn pass) under the same flags
    expect(scripts.bench!.split(' ').slice(0, -1)).toEqual(scripts.start!.split(' ').slice(0, -1));
  });

  it('the image and every compose service start node itself as PID 1', async () => {
    const cmd = /^CMD (.*)$/m.exec(await readFile('Dockerfile', 'utf8'))?.[1];
    expect(withoutFlags(JSON.parse(cmd ?? 'null') as string[]).slice(0, 3)).toEqual(NODE_WITH_TSX);
    const compose = parse(await readFile('docker-compose.yml', 'utf8')) as { services: Record<string, { command?: string[]; image?: string }> };
    const ours = Object.entries(compose.services).filter(([, s]) => s.command && !s.image);
    expect(ours.map(([name]) => name).sort()).toEqual(['staff-bot', 'worker']);
    for (const [name, service] of ours) expect(service.command?.slice(0, 3), name).toEqual(NODE_WITH_TSX);
  });
});
