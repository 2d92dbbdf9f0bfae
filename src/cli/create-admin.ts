/**
 * npm run admin:create -- [--username NAME] [--display-name 名字] [--password-stdin]
 *
 * Creates a console administrator in the configured database (DATABASE_URL, or the embedded one
 * under DATA_DIR). Missing values are asked for; the password is read without echo from a terminal,
 * or from the first line of stdin with --password-stdin (for scripts). A password is never taken
 * from the command line, where other users of the machine could read it.
 */
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config/config.js';
import { openDatabase } from '../db/client.js';
import { PASSWORD_MIN_LENGTH } from '../console/contract.js';
import { writeAudit } from '../console/audit.js';
import { passwordWeakness, weakPasswordMessage } from '../console/auth/password-strength.js';
import { createStaffUser } from '../console/staff.js';
import { runCli } from './run-cli.js';

function ask(question: string, hidden = false): Promise<string> {
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
  if (hidden) {
    // echo nothing while the password is typed
    (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput = (s: string) => {
      if (s.includes(question)) process.stdout.write(question);
    };
  }
  return new Promise((resolve) =>
    rl.question(question, (answer) => {
      rl.close();
      if (hidden) process.stdout.write('\n');
      resolve(answer.trim());
    }),
  );
}

async function firstLineOfStdin(): Promise<string> {
  const rl = createInterface({ input: process.stdin, terminal: false });
  for await (const line of rl) {
    rl.close();
    return line.trim();
  }
  return '';
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: { username: { type: 'string' }, 'display-name': { type: 'string' }, 'password-stdin': { type: 'boolean' } },
    strict: true,
  });
  const tty = process.stdin.isTTY === true;
  const username = values.username ?? (tty ? await ask('用户名 username: ') : '');
  const displayName = values['display-name'] ?? (tty ? await ask('显示名 display name (回车 = 管理员): ') : '') ?? '';
  let password: string;
  if (values['password-stdin'] || !tty) password = await firstLineOfStdin();
  else {
    password = await ask(`密码 password (至少 ${PASSWORD_MIN_LENGTH} 位): `, true);
    if ((await ask('再输入一次 again: ', true)) !== password) {
      console.error('两次输入的密码不一致');
      return 1;
    }
  }
  if (!/^[A-Za-z0-9_.-]{3,64}$/.test(username)) {
    console.error('用户名须为 3–64 位字母、数字或 _ . -');
    return 1;
  }
  if ([...password].length < PASSWORD_MIN_LENGTH) {
    console.error(`密码至少 ${PASSWORD_MIN_LENGTH} 位`);
    return 1;
  }
  const weak = passwordWeakness(password, [username, displayName || '管理员']);
  if (weak) {
    console.error(weakPasswordMessage(weak));
    return 1;
  }
  const config = loadConfig();
  const database = await openDatabase({ ...(config.databaseUrl ? { url: config.databaseUrl } : {}), dataDir: config.dataDir });
  try {
    await database.migrate();
    const row = await createStaffUser(database.db, { username, displayName: displayName || '管理员', password, role: 'admin' });
    await writeAudit(database.db, { staffId: null, action: 'staff.create', target: `staff:${row.id}`, after: { username, role: 'admin', via: 'cli' }, at: new Date() });
    console.log(`已创建管理员 ${username}（#${row.id}）`);
    return 0;
  } finally {
    await database.close();
  }
}

runCli(main);
