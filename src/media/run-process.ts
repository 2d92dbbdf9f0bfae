import { spawn } from 'node:child_process';

/**
 * Runs a program (no shell) with `input` on its stdin and collects its stdout, killed after
 * `timeoutMs`. A non-zero exit is an error that carries the end of its stderr.
 */
export function runProcess(command: string, args: readonly string[], input: Buffer, timeoutMs: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    let err = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => {
      err = (err + b.toString('utf8')).slice(-2000);
    });
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve(Buffer.concat(out));
      else reject(new Error(`${command} ${signal ? `killed (${signal})` : `exited ${code}`}: ${err.trim().split('\n').slice(-3).join(' | ')}`));
    });
    // a program that stops reading early (an error) closes its stdin: not our error to report
    child.stdin.on('error', () => {});
    child.stdin.end(input);
  });
}
