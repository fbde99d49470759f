/**
 * One code-server (a real VS Code 1.100 server with a Node extension host) for the whole suite: a fresh profile
 * with our .vsix installed, a workspace folder, and a stop() that ends it by its process group, on failure too.
 * Each browser session would start another extension host that lingers, hence one server and one page per suite.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { CODE_SERVER } from './paths';
import { runOrThrow, sleep } from './processes';

/** The user settings of a fresh profile: no welcome page, no trust prompt, nothing that phones home. */
const BASE_SETTINGS = {
  'workbench.startupEditor': 'none',
  'security.workspace.trust.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'workbench.enableExperiments': false,
  'workbench.tips.enabled': false,
  'chat.disableAIFeatures': true,
  'workbench.colorTheme': 'Default Light Modern',
  // A dirty editor must not be saved behind the test's back.
  'files.autoSave': 'off',
  'files.hotExit': 'off',
  'window.confirmBeforeClose': 'never',
};

export class CodeServer {
  readonly userDir: string;
  readonly extensionsDir: string;
  readonly logFile: string;
  private child: ChildProcess | undefined;
  private settings: Record<string, unknown> = { ...BASE_SETTINGS };

  /**
   * `restricted`: Workspace Trust on and this workspace not trusted, so the window opens in Restricted Mode (no
   * prompt); otherwise trust is off, as for every other scenario.
   */
  constructor(
    readonly runDir: string,
    readonly workspace: string,
    readonly port: number,
    readonly restricted = false,
  ) {
    this.userDir = path.join(runDir, 'user');
    this.extensionsDir = path.join(runDir, 'extensions');
    this.logFile = path.join(runDir, 'code-server.log');
    if (restricted) {
      this.settings = {
        ...this.settings,
        'security.workspace.trust.enabled': true,
        'security.workspace.trust.startupPrompt': 'never',
        'security.workspace.trust.untrustedFiles': 'open',
        'security.workspace.trust.banner': 'always',
      };
    }
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}/?folder=${encodeURIComponent(this.workspace)}`;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** code-server writes config, logs and caches under HOME/XDG_*: keep them all in the run folder. */
  private env(): NodeJS.ProcessEnv {
    const home = path.join(this.runDir, 'home');
    return {
      ...process.env,
      HOME: home,
      XDG_CONFIG_HOME: path.join(home, '.config'),
      XDG_DATA_HOME: path.join(home, '.local', 'share'),
      XDG_CACHE_HOME: path.join(home, '.cache'),
      TMPDIR: path.join(this.runDir, 'tmp'),
    };
  }

  private common(): string[] {
    return ['--user-data-dir', this.userDir, '--extensions-dir', this.extensionsDir];
  }

  async installExtension(vsix: string): Promise<void> {
    for (const dir of [this.userDir, this.extensionsDir, path.join(this.runDir, 'home'), path.join(this.runDir, 'tmp')]) {
      fs.mkdirSync(dir, { recursive: true });
    }
    this.writeSettings({});
    await runOrThrow('code-server --install-extension', CODE_SERVER, [...this.common(), '--install-extension', vsix, '--force'], { env: this.env() });
  }

  /**
   * Writes the profile's settings.json. Only read when a window opens: code-server's web client does not apply a
   * later change to an open window (the theme scenario switches themes through the command palette instead).
   */
  writeSettings(changes: Record<string, unknown>): void {
    this.settings = { ...this.settings, ...changes };
    const dir = path.join(this.userDir, 'User');
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'settings.json'), JSON.stringify(this.settings, null, 2) + '\n');
  }

  async start(): Promise<void> {
    const log = fs.openSync(this.logFile, 'a');
    this.child = spawn(
      CODE_SERVER,
      [...this.common(), '--bind-addr', `127.0.0.1:${this.port}`, '--auth', 'none', '--disable-telemetry', '--disable-update-check',
        ...(this.restricted ? [] : ['--disable-workspace-trust']), '--disable-getting-started-override', this.workspace],
      // detached: its own process group, so stop() ends the server and the extension hosts it forked, and nothing else.
      { env: this.env(), stdio: ['ignore', log, log], detached: true },
    );
    fs.closeSync(log);
    let exited = false;
    this.child.once('exit', () => (exited = true));
    for (let i = 0; i < 600 && !exited; i++) {
      if (await this.healthy()) return;
      await sleep(100);
    }
    const tail = fs.readFileSync(this.logFile, 'utf8').slice(-3000);
    throw new Error(`code-server did not come up on port ${this.port}${exited ? ' (it exited)' : ' within 60 s'}; log:\n${tail}`);
  }

  private async healthy(): Promise<boolean> {
    try {
      const response = await fetch(`http://127.0.0.1:${this.port}/healthz`);
      return response.ok;
    } catch {
      return false;
    }
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (!child?.pid || child.exitCode !== null) return;
    const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    const signal = (s: NodeJS.Signals): void => {
      try {
        process.kill(-child.pid!, s);
      } catch {
        /* already gone */
      }
    };
    signal('SIGTERM');
    await Promise.race([gone, sleep(5000)]);
    // Extension hosts and other helpers share the group; whatever outlived the server goes now.
    await sleep(500);
    signal('SIGKILL');
    this.child = undefined;
  }
}
