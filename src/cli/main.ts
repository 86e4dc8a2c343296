import { runCli } from './index.js';

// The process entry point hands the environment to the CLI, which validates it through src/config.
// eslint-disable-next-line n/no-process-env
process.exitCode = await runCli(process.argv.slice(2), process.env);
