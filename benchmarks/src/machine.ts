import { arch, cpus, platform, totalmem } from 'node:os';
import type { MachineInfo } from './types.js';

/** The facts about this machine that a result must carry to be comparable. */
export function machineInfo(): MachineInfo {
  const cores = cpus();
  return {
    platform: platform(),
    arch: arch(),
    cpus: cores.length,
    cpuModel: cores[0]?.model.trim() ?? 'unknown',
    memoryBytes: totalmem(),
    node: process.version,
  };
}
