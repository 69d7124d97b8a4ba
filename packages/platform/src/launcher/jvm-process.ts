import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { javaBinary } from './prerequisites.js';

/**
 * Runs the JVM under a tiny bash watchdog that holds the read end of a pipe
 * whose write end only this Node process holds. When Node exits for any
 * reason, even SIGKILL, the pipe closes and the watchdog sends the JVM
 * SIGTERM, so no JVM outlives the process that started it. The watchdog also
 * exits as soon as the JVM does, which is how a crash is noticed.
 */
const WATCHDOG = `
exec 3<&0
"$@" 3<&- </dev/null &
jvm=$!
( read -r _ <&3; kill -TERM "$jvm" 2>/dev/null ) &
watcher=$!
exec 3<&-
trap 'kill -TERM "$jvm" 2>/dev/null' TERM INT
while kill -0 "$jvm" 2>/dev/null; do wait "$jvm"; code=$?; done
kill "$watcher" 2>/dev/null
exit "\${code:-1}"
`;

export interface JvmSpec {
  /** A human name for messages, e.g. "Kafka broker". */
  name: string;
  /** A directory of jars; every jar in it is on the classpath. */
  classpathDir: string;
  mainClass: string;
  args: readonly string[];
  jvmArgs: readonly string[];
  /** The JVM's standard output and error go here. */
  logFile: string;
  cwd: string;
}

export interface JvmProcess {
  readonly name: string;
  readonly pid: number;
  /** Resolves with the exit code (or null when killed by a signal). */
  readonly exited: Promise<number | null>;
  hasExited(): boolean;
  /** Asks the JVM to shut down, escalating to SIGKILL after `graceMs`. */
  stop(graceMs?: number): Promise<void>;
  /** The last lines of the JVM's console log, for error messages. */
  logTail(lines?: number): Promise<string>;
}

const running = new Set<ChildProcess>();
let exitHookInstalled = false;

/** Last line of defence when the process exits without stopping its JVMs. */
function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => {
    for (const child of running) {
      if (child.pid !== undefined) killGroup(child.pid, 'SIGTERM');
    }
  });
}

function killGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // The group is already gone.
  }
}

export function startJvm(spec: JvmSpec): JvmProcess {
  installExitHook();
  const logFd = openSync(spec.logFile, 'a');
  const command = [
    javaBinary(),
    ...spec.jvmArgs,
    '-cp',
    `${spec.classpathDir}/*`,
    spec.mainClass,
    ...spec.args,
  ];
  // detached: the watchdog leads its own process group, so a terminal's
  // Ctrl-C reaches Node first and Node stops services in order.
  const child = spawn('bash', ['-c', WATCHDOG, 'memgate-jvm', ...command], {
    cwd: spec.cwd,
    detached: true,
    stdio: ['pipe', logFd, logFd],
  });
  closeSync(logFd);
  if (child.pid === undefined) throw new Error(`could not spawn the ${spec.name} JVM`);
  const pid = child.pid;
  running.add(child);

  let done = false;
  const exited = new Promise<number | null>((resolve) => {
    child.once('exit', (code) => {
      done = true;
      running.delete(child);
      resolve(code);
    });
  });

  return {
    name: spec.name,
    pid,
    exited,
    hasExited: () => done,
    async stop(graceMs = 30_000) {
      if (done) return;
      child.stdin?.end();
      const timer = setTimeout(() => killGroup(pid, 'SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
      // Anything the JVM forked in its group goes with it.
      killGroup(pid, 'SIGKILL');
    },
    async logTail(lines = 20) {
      const text = await readFile(spec.logFile, 'utf8').catch(() => '');
      return text.trimEnd().split('\n').slice(-lines).join('\n');
    },
  };
}
