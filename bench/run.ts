// Entry point of `npm run bench -- <scenario> [--flags]`; see bench/README.md.
import { runCli } from './src/cli.js';
import { abortOnInterrupt } from './src/interrupt.js';
import { SCENARIOS } from './src/scenarios/index.js';

const io = {
  out: (text: string) => process.stdout.write(text),
  err: (text: string) => process.stderr.write(text),
};
const interrupt = abortOnInterrupt((line) => io.err(`${line}\n`));
try {
  process.exitCode = await runCli(process.argv.slice(2), SCENARIOS, io, interrupt.signal);
} finally {
  interrupt.dispose();
}
