import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Kafka, logLevel, type KafkaConfig } from 'kafkajs';
import { startJvm, type JvmProcess } from './jvm-process.js';
import { ensureArtifacts, pomPath } from './maven-artifacts.js';
import { claimPort, LOOPBACK } from './ports.js';
import {
  clientSecurityFor,
  scramFormatArgs,
  securityProperties,
  securityProtocol,
  type KafkaBrokerSecurity,
} from './kafka-security.js';
import { checkJava } from './prerequisites.js';
import { waitUntilReady } from './readiness.js';
import { ServiceStartError } from './service-start-error.js';

const SERVICE = 'Kafka broker';
const HEALTH_TOPIC = '__memgate_health';

export interface KafkaBrokerOptions {
  cacheDir: string;
  /** 0 picks a free port. */
  port: number;
  heapMb: number;
  startTimeoutMs: number;
  /** TLS and/or SASL/SCRAM on the client listener; plaintext without it. */
  security?: KafkaBrokerSecurity;
}

export interface LocalKafkaBroker {
  readonly brokers: string[];
  /** kafkajs `ssl` / `sasl` options a client needs for this broker (empty when plaintext). */
  readonly clientSecurity: Pick<KafkaConfig, 'ssl' | 'sasl'>;
  readonly dataDir: string;
  readonly process: JvmProcess;
  readonly stop: () => Promise<void>;
}

/** KRaft, one node acting as broker and controller, sized for a laptop and CI. */
export function kafkaServerProperties(options: {
  brokerPort: number;
  controllerPort: number;
  logDir: string;
  security?: KafkaBrokerSecurity;
  /** The broker's own SCRAM password, when `security.scram` is set. */
  brokerPassword?: string;
}): string {
  const { brokerPort, controllerPort, logDir } = options;
  const listener = securityProtocol(options.security);
  return [
    'process.roles=broker,controller',
    'node.id=1',
    `controller.quorum.voters=1@${LOOPBACK}:${controllerPort}`,
    `listeners=${listener}://${LOOPBACK}:${brokerPort},CONTROLLER://${LOOPBACK}:${controllerPort}`,
    `advertised.listeners=${listener}://${LOOPBACK}:${brokerPort}`,
    'controller.listener.names=CONTROLLER',
    `listener.security.protocol.map=${listener}:${listener},CONTROLLER:PLAINTEXT`,
    `inter.broker.listener.name=${listener}`,
    ...(options.security ? securityProperties(options.security, options.brokerPassword ?? '') : []),
    `log.dirs=${logDir}`,
    // Topics are created explicitly by Memgate; a typo must fail, not create a topic.
    'auto.create.topics.enable=false',
    'num.partitions=1',
    // One node: every internal topic has one replica. Few partitions keep the
    // group and transaction coordinators quick to load at start-up.
    'offsets.topic.replication.factor=1',
    'offsets.topic.num.partitions=3',
    'transaction.state.log.replication.factor=1',
    'transaction.state.log.min.isr=1',
    'transaction.state.log.num.partitions=3',
    'share.coordinator.state.topic.replication.factor=1',
    'share.coordinator.state.topic.min.isr=1',
    'group.initial.rebalance.delay.ms=0',
    'log.segment.bytes=67108864',
    // The compaction cleaner allocates its dedupe buffer (128 MiB by default)
    // up front; with a small local heap that is an OutOfMemoryError at start.
    // 16 MiB compacts the offsets topic of a test or demo broker with ease.
    'log.cleaner.dedupe.buffer.size=16777216',
  ].join('\n');
}

const LOG4J2_CONFIG = `<?xml version="1.0" encoding="UTF-8"?>
<Configuration status="warn">
  <Appenders>
    <Console name="console" target="SYSTEM_OUT">
      <PatternLayout pattern="[%d] %p %m (%c)%n"/>
    </Console>
  </Appenders>
  <Loggers>
    <Root level="warn"><AppenderRef ref="console"/></Root>
    <Logger name="kafka.server.KafkaRaftServer" level="info"/>
    <Logger name="kafka.server.BrokerServer" level="info"/>
  </Loggers>
</Configuration>
`;

/** KRaft wants a base64url UUID as the cluster id. */
function newClusterId(): string {
  return randomBytes(16).toString('base64url');
}

export async function startKafkaBroker(options: KafkaBrokerOptions): Promise<LocalKafkaBroker> {
  await checkJava(SERVICE);
  const jars = await ensureArtifacts(pomPath('kafka'), options.cacheDir, SERVICE);
  const brokerPort = await claimPort(SERVICE, options.port, 'MEMGATE_LOCAL_KAFKA_PORT');
  const controllerPort = await claimPort(SERVICE, 0, 'MEMGATE_LOCAL_KAFKA_PORT');
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'memgate-kafka-'));
  const propertiesFile = path.join(dataDir, 'server.properties');
  const log4jFile = path.join(dataDir, 'log4j2.xml');
  const consoleLog = path.join(dataDir, 'console.log');
  const brokerPassword = randomBytes(12).toString('hex');
  const security = options.security;
  await writeFile(
    propertiesFile,
    kafkaServerProperties({
      brokerPort,
      controllerPort,
      logDir: path.join(dataDir, 'logs'),
      security,
      brokerPassword,
    }),
  );
  await writeFile(log4jFile, LOG4J2_CONFIG);
  const jvmArgs = [
    `-Xmx${options.heapMb}m`,
    `-Xms${Math.min(128, options.heapMb)}m`,
    '-XX:+UseG1GC',
    '-XX:TieredStopAtLevel=1',
    '-Djava.awt.headless=true',
    `-Dlog4j2.configurationFile=${log4jFile}`,
  ];

  // KRaft storage must be formatted before the first start.
  const format = startJvm({
    name: `${SERVICE} storage format`,
    classpathDir: jars,
    mainClass: 'kafka.tools.StorageTool',
    // `=` form: a base64url id may start with '-', which would read as an option.
    args: [
      'format',
      `--cluster-id=${newClusterId()}`,
      `--config=${propertiesFile}`,
      ...(security ? scramFormatArgs(security, brokerPassword) : []),
    ],
    jvmArgs,
    logFile: consoleLog,
    cwd: dataDir,
  });
  const formatCode = await format.exited;
  if (formatCode !== 0) {
    const tail = await format.logTail();
    await rm(dataDir, { recursive: true, force: true });
    throw new ServiceStartError(
      SERVICE,
      `formatting KRaft storage failed (exit ${formatCode}).\n${tail}`,
    );
  }

  const jvm = startJvm({
    name: SERVICE,
    classpathDir: jars,
    mainClass: 'kafka.Kafka',
    args: [propertiesFile],
    jvmArgs,
    logFile: consoleLog,
    cwd: dataDir,
  });
  const brokers = [`${LOOPBACK}:${brokerPort}`];
  const caPem = security?.tls ? await readFile(security.tls.caFile, 'utf8') : undefined;
  const clientSecurity = clientSecurityFor(security, caPem);
  const stop = async (): Promise<void> => {
    await jvm.stop();
    await rm(dataDir, { recursive: true, force: true });
  };
  try {
    await waitUntilReady(() => kafkaRoundTrip(brokers, clientSecurity), {
      service: SERVICE,
      timeoutMs: options.startTimeoutMs,
      process: jvm,
    });
  } catch (error) {
    await stop();
    throw error;
  }
  return { brokers, clientSecurity, dataDir, process: jvm, stop };
}

/**
 * Ready means a message produced with acks from all in-sync replicas comes
 * back through a consumer group: metadata, partition leadership and the group
 * coordinator all work. Used for the local broker and for KAFKA_BROKERS.
 */
export async function kafkaRoundTrip(
  brokers: string[],
  security: Pick<KafkaConfig, 'ssl' | 'sasl'> = {},
): Promise<boolean> {
  const kafka = new Kafka({
    ...security,
    clientId: 'memgate-health',
    brokers,
    logLevel: logLevel.NOTHING,
    retry: { retries: 2, initialRetryTime: 100 },
    connectionTimeout: 2_000,
  });
  const admin = kafka.admin();
  const producer = kafka.producer({ allowAutoTopicCreation: false });
  const groupId = `memgate-health-${randomUUID()}`;
  const consumer = kafka.consumer({ groupId, allowAutoTopicCreation: false });
  try {
    await admin.connect();
    const topics = await admin.listTopics();
    if (!topics.includes(HEALTH_TOPIC)) {
      await admin.createTopics({
        topics: [
          {
            topic: HEALTH_TOPIC,
            numPartitions: 1,
            configEntries: [{ name: 'retention.ms', value: '3600000' }],
          },
        ],
        waitForLeaders: true,
      });
    }
    await producer.connect();
    const marker = randomUUID();
    const [sent] = await producer.send({
      topic: HEALTH_TOPIC,
      acks: -1,
      messages: [{ value: marker }],
    });
    if (!sent) return false;
    await consumer.connect();
    await consumer.subscribe({ topic: HEALTH_TOPIC, fromBeginning: false });
    const received = new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), 10_000);
      void consumer.run({
        eachMessage: ({ message }) => {
          if (message.value?.toString() === marker) {
            clearTimeout(timer);
            resolve(true);
          }
          return Promise.resolve();
        },
      });
    });
    // Start from the produced offset so the check reads one message, however old the topic is.
    consumer.seek({
      topic: HEALTH_TOPIC,
      partition: sent.partition,
      offset: sent.baseOffset ?? '0',
    });
    return await received;
  } finally {
    await consumer.disconnect().catch(() => undefined);
    await producer.disconnect().catch(() => undefined);
    await admin.deleteGroups([groupId]).catch(() => undefined);
    await admin.disconnect().catch(() => undefined);
  }
}
