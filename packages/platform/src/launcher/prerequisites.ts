import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { ServiceStartError } from './service-start-error.js';

const run = promisify(execFile);

export const MIN_JAVA_MAJOR = 17;

/** The `java` binary the launcher runs: `$JAVA_HOME/bin/java` when set, else the one on PATH. */
export function javaBinary(environment: NodeJS.ProcessEnv = process.env): string {
  const home = environment['JAVA_HOME'];
  return home ? path.join(home, 'bin', 'java') : 'java';
}

/** Parses the major version out of `java -version` output ("17.0.15", "1.8.0_392", "21"). */
export function parseJavaMajor(versionOutput: string): number | undefined {
  const match = /version "(\d+)(?:\.(\d+))?/.exec(versionOutput);
  if (!match?.[1]) return undefined;
  const first = Number(match[1]);
  return first === 1 && match[2] ? Number(match[2]) : first;
}

export async function checkJava(service: string, java = javaBinary()): Promise<void> {
  let output: string;
  try {
    const { stderr, stdout } = await run(java, ['-version']);
    output = `${stderr}${stdout}`;
  } catch (error) {
    throw new ServiceStartError(service, `Java is needed but '${java}' could not be run.`, {
      cause: error,
      hint: `Install a JDK ${MIN_JAVA_MAJOR}+ (or set JAVA_HOME), or point Memgate at external services with MEMGRAPH_URI / KAFKA_BROKERS.`,
    });
  }
  const major = parseJavaMajor(output);
  if (major === undefined || major < MIN_JAVA_MAJOR) {
    throw new ServiceStartError(
      service,
      `Java ${MIN_JAVA_MAJOR}+ is needed, found: ${output.split('\n')[0] ?? 'unknown'}.`,
      { hint: `Install a JDK ${MIN_JAVA_MAJOR}+ and set JAVA_HOME to it.` },
    );
  }
}

export async function checkMaven(service: string): Promise<void> {
  try {
    await run('mvn', ['--version']);
  } catch (error) {
    throw new ServiceStartError(
      service,
      "Maven ('mvn') is needed to fetch the jars from Maven Central, but it could not be run.",
      {
        cause: error,
        hint: 'Install Apache Maven 3.6+, or use external services with MEMGRAPH_URI / KAFKA_BROKERS.',
      },
    );
  }
}
