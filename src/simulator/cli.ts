/**
 * `npm run chat` — the resident's side of the conversation in a terminal. Connects to the running
 * local service (the URL from the environment, as loadConfig() reads it; `--url` to override):
 * through its simulator routes when it has them, else straight to /wechat, signed and encrypted
 * with the token and EncodingAESKey from the environment. Type text, or /help for the commands.
 *
 *   npm run chat -- [--url http://127.0.0.1:3000] [--as <openid>] [--direct]
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { loadConfig, type Config } from '../config/config.js';
import { CLI_HELP, parseCommand } from './cli-commands.js';
import { CliSession, newOpenid } from './cli-session.js';
import { directTransport, simTransport, type CliTransport } from './cli-transport.js';

const rememberedSchema = z.object({ openid: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/) });

/** The resident last used from this terminal, kept beside the service's data. */
function remembered(config: Config): { get(): string | undefined; set(openid: string): void } {
  const file = path.join(config.dataDir, 'sim-cli.json');
  return {
    get: () => {
      try {
        return rememberedSchema.parse(JSON.parse(readFileSync(file, 'utf8'))).openid;
      } catch {
        return undefined;
      }
    },
    set: (openid) => {
      try {
        mkdirSync(config.dataDir, { recursive: true });
        writeFileSync(file, JSON.stringify({ openid }));
      } catch {
        // remembering is a convenience
      }
    },
  };
}

async function pickTransport(url: string, config: Config, direct: boolean): Promise<CliTransport> {
  if (direct) return directTransport(url, config);
  try {
    const res = await fetch(`${url}/sim/info`);
    if (res.ok) return simTransport(url);
  } catch (e) {
    throw new Error(`无法连接 ${url}：${e instanceof Error ? (e.cause instanceof Error ? e.cause.message : e.message) : String(e)}（服务启动了吗？npm start）`);
  }
  return directTransport(url, config);
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: { url: { type: 'string' }, as: { type: 'string' }, direct: { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h', default: false } },
    allowPositionals: false,
  });
  if (values.help) {
    console.log('npm run chat -- [--url URL] [--as OPENID] [--direct]\n\n' + CLI_HELP);
    return 0;
  }
  const config = loadConfig();
  const url = (values.url ?? config.publicUrl).replace(/\/+$/, '');
  const transport = await pickTransport(url, config, values.direct);
  const memory = remembered(config);
  const openid = values.as ?? memory.get() ?? newOpenid();
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(openid)) throw new Error('--as：openid 只能是字母、数字、_ 和 -');

  // created before anything is awaited would lose the lines typed (or piped) meanwhile
  let rl: readline.Interface | undefined;
  const print = (lines: string[]) => {
    if (process.stdout.isTTY) {
      readline.clearLine(process.stdout, 0);
      readline.cursorTo(process.stdout, 0);
    }
    process.stdout.write(`${lines.join('\n')}\n`);
    if (process.stdout.isTTY) rl?.prompt(true);
  };
  const session = new CliSession(transport, print, openid);
  await session.use(openid);
  memory.set(openid);
  const mode = transport.kind === 'sim' ? '经由模拟器' : `直连 /wechat（${config.wechat.aesKey ? '安全模式' : '明文模式'}）`;
  print([`民生微实事 · 终端聊天 — ${url}（${mode}）`, `居民 ${openid}（/as 切换，/help 查看命令）`]);
  rl = readline.createInterface({ input: process.stdin, output: process.stdout, terminal: process.stdout.isTTY === true });
  const prompt = rl;
  prompt.setPrompt('我 › ');
  if (process.stdout.isTTY) prompt.prompt();

  // lines are handled one after another, as a resident sends one message after another
  let queue = Promise.resolve(true);
  let quitting = false;
  const quit = async () => {
    if (quitting) return;
    quitting = true;
    await queue.catch(() => true);
    session.close();
    prompt.close();
    process.exit(0);
  };
  prompt.on('line', (line) => {
    queue = queue.then(async (go) => {
      if (!go) return false;
      const cmd = parseCommand(line);
      const keep = await session.handle(cmd);
      if (cmd.type === 'as' && keep) memory.set(session.openid);
      if (!keep) void quit();
      else if (process.stdout.isTTY) prompt.prompt();
      return keep;
    });
  });
  prompt.on('close', () => void quit());
  return new Promise<number>(() => {});
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : String(e));
  process.exit(1);
});
