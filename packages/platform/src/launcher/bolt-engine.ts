import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import neo4j from 'neo4j-driver';
import { startJvm, type JvmProcess } from './jvm-process.js';
import { ensureArtifacts, pomPath } from './maven-artifacts.js';
import { claimPort, LOOPBACK } from './ports.js';
import { checkJava } from './prerequisites.js';
import { waitUntilReady } from './readiness.js';
import type { TlsMaterial } from './tls-material.js';

const SERVICE = 'Bolt engine (Neo4j Community)';
const ENGINE_STOP_GRACE_MS = 2_000;

export interface BoltEngineOptions {
  cacheDir: string;
  /** 0 picks a free port. */
  port: number;
  heapMb: number;
  pageCacheMb: number;
  startTimeoutMs: number;
  /** Bolt over TLS only (plaintext refused), with this server certificate. */
  tls?: TlsMaterial;
}

export interface LocalBoltEngine {
  /** `bolt://…`, or `bolt+s://…` with TLS (trust `caFile`). */
  readonly uri: string;
  /** The CA clients must trust when the engine runs with TLS. */
  readonly caFile?: string | undefined;
  readonly homeDir: string;
  readonly process: JvmProcess;
  readonly stop: () => Promise<void>;
}

/** Bolt only, on loopback, no auth, no HTTP, no telemetry: a local stand-in for Memgraph. */
export function neo4jConf(options: {
  boltPort: number;
  pageCacheMb: number;
  heapMb: number;
  /** Directory holding private.key, public.crt, trusted/ and revoked/. */
  boltCertificatesDir?: string;
}): string {
  const tls = options.boltCertificatesDir
    ? [
        'server.bolt.tls_level=REQUIRED',
        'dbms.ssl.policy.bolt.enabled=true',
        `dbms.ssl.policy.bolt.base_directory=${options.boltCertificatesDir}`,
        'dbms.ssl.policy.bolt.private_key=private.key',
        'dbms.ssl.policy.bolt.public_certificate=public.crt',
        'dbms.ssl.policy.bolt.client_auth=NONE',
      ]
    : [];
  return [
    'dbms.security.auth_enabled=false',
    `server.bolt.listen_address=${LOOPBACK}:${options.boltPort}`,
    `server.bolt.advertised_address=${LOOPBACK}:${options.boltPort}`,
    'server.http.enabled=false',
    'server.https.enabled=false',
    `server.memory.heap.initial_size=${options.heapMb}m`,
    `server.memory.heap.max_size=${options.heapMb}m`,
    `server.memory.pagecache.size=${options.pageCacheMb}m`,
    'dbms.usage_report.enabled=false',
    'db.tx_log.rotation.retention_policy=2 files',
    ...tls,
  ].join('\n');
}

/** The JVM flags Neo4j's own launcher script passes, minus the ones for production tuning. */
const NEO4J_JVM_FLAGS = [
  '-XX:+UseG1GC',
  '-XX:-OmitStackTraceInFastThrow',
  '-XX:+UnlockExperimentalVMOptions',
  '-XX:+TrustFinalNonStaticFields',
  '-XX:+DisableExplicitGC',
  '-Djdk.nio.maxCachedBufferSize=1024',
  '-Dio.netty.tryReflectionSetAccessible=true',
  '-Dlog4j2.disable.jmx=true',
  '--add-opens=java.base/java.nio=ALL-UNNAMED',
  '--add-opens=java.base/java.io=ALL-UNNAMED',
  '--add-opens=java.base/sun.nio.ch=ALL-UNNAMED',
  '--add-opens=java.base/java.lang=ALL-UNNAMED',
  '--enable-native-access=ALL-UNNAMED',
];

export async function startBoltEngine(options: BoltEngineOptions): Promise<LocalBoltEngine> {
  await checkJava(SERVICE);
  const jars = await ensureArtifacts(pomPath('neo4j'), options.cacheDir, SERVICE);
  const boltPort = await claimPort(SERVICE, options.port, 'MEMGATE_LOCAL_BOLT_PORT');
  const homeDir = await mkdtemp(path.join(os.tmpdir(), 'memgate-engine-'));
  const confDir = path.join(homeDir, 'conf');
  await mkdir(confDir);
  const boltCertificatesDir = options.tls
    ? await installBoltCertificates(homeDir, options.tls)
    : undefined;
  await writeFile(
    path.join(confDir, 'neo4j.conf'),
    neo4jConf({ boltPort, ...options, boltCertificatesDir }),
  );

  const jvm = startJvm({
    name: SERVICE,
    classpathDir: jars,
    mainClass: 'org.neo4j.server.CommunityEntryPoint',
    args: [`--home-dir=${homeDir}`, `--config-dir=${confDir}`],
    jvmArgs: [`-Xmx${options.heapMb}m`, `-Xms${options.heapMb}m`, ...NEO4J_JVM_FLAGS],
    logFile: path.join(homeDir, 'console.log'),
    cwd: homeDir,
  });
  const uri = `${options.tls ? 'bolt+s' : 'bolt'}://${LOOPBACK}:${boltPort}`;
  const caFile = options.tls?.caFile;
  const stop = async (): Promise<void> => {
    // Neo4j stops its databases within milliseconds of SIGTERM, then spends
    // ~10 s in Netty's graceful shutdown of the Bolt server. The store is a
    // throw-away temp directory, so we do not wait for that part.
    await jvm.stop(ENGINE_STOP_GRACE_MS);
    await rm(homeDir, { recursive: true, force: true });
  };
  try {
    await waitUntilReady(() => boltReturnsOne(uri, { caFile }), {
      service: SERVICE,
      timeoutMs: options.startTimeoutMs,
      process: jvm,
      // Neo4j writes its reasons to logs/neo4j.log, not to the console.
      explain: async () => {
        const log = await readFile(path.join(homeDir, 'logs', 'neo4j.log'), 'utf8').catch(() => '');
        return (log || (await jvm.logTail())).trimEnd().split('\n').slice(-20).join('\n');
      },
    });
  } catch (error) {
    await stop();
    throw error;
  }
  return { uri, caFile, homeDir, process: jvm, stop };
}

/** Neo4j's SSL policy layout: the key pair, plus trusted/ and revoked/ folders it expects. */
async function installBoltCertificates(homeDir: string, tls: TlsMaterial): Promise<string> {
  const dir = path.join(homeDir, 'certificates', 'bolt');
  await mkdir(path.join(dir, 'trusted'), { recursive: true });
  await mkdir(path.join(dir, 'revoked'), { recursive: true });
  await copyFile(tls.serverKeyFile, path.join(dir, 'private.key'));
  await copyFile(tls.serverCertFile, path.join(dir, 'public.crt'));
  return dir;
}

/** Ready means a Bolt session answers `RETURN 1`. Used for the local engine and for MEMGRAPH_URI. */
export async function boltReturnsOne(
  uri: string,
  auth: {
    user?: string | undefined;
    password?: string | undefined;
    /** Trust this CA (the URI's `+s` then moves into the driver's TLS settings). */
    caFile?: string | undefined;
  } = {},
): Promise<boolean> {
  // The driver takes a custom CA only in its config, and then refuses `+s` in the URI.
  const tls = auth.caFile
    ? {
        encrypted: 'ENCRYPTION_ON' as const,
        trust: 'TRUST_CUSTOM_CA_SIGNED_CERTIFICATES' as const,
        trustedCertificates: [auth.caFile],
      }
    : {};
  const driver = neo4j.driver(
    auth.caFile ? uri.replace(/^(bolt|neo4j)\+(s|ssc):/, '$1:') : uri,
    auth.user ? neo4j.auth.basic(auth.user, auth.password ?? '') : undefined,
    {
      connectionTimeout: 2_000,
      maxConnectionPoolSize: 1,
      logging: { level: 'error', logger: () => undefined },
      ...tls,
    },
  );
  try {
    const result = await driver.executeQuery('RETURN 1 AS one');
    const one: unknown = result.records[0]?.get('one');
    return neo4j.isInt(one) ? one.toNumber() === 1 : one === 1;
  } finally {
    await driver.close();
  }
}
