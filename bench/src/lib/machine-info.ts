import os from 'node:os';

/**
 * What a number in a results file depends on besides the code: the machine
 * and the runtime. Sample it before a run starts its own load.
 */
export interface MachineInfo {
  readonly cpuModel: string;
  readonly cpuCount: number;
  readonly totalMemoryBytes: number;
  readonly freeMemoryBytes: number;
  /** 1, 5 and 15 minute load averages when sampled: a busy machine explains slow runs. */
  readonly loadAverage: readonly number[];
  readonly platform: string;
  readonly arch: string;
  readonly osRelease: string;
  readonly nodeVersion: string;
  readonly v8Version: string;
}

export function machineInfo(): MachineInfo {
  const cpus = os.cpus();
  return {
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    cpuCount: os.availableParallelism(),
    totalMemoryBytes: os.totalmem(),
    freeMemoryBytes: os.freemem(),
    loadAverage: os.loadavg(),
    platform: process.platform,
    arch: process.arch,
    osRelease: os.release(),
    nodeVersion: process.version,
    v8Version: process.versions.v8,
  };
}
