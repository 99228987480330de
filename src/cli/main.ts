import { existsSync } from "node:fs";
import { runCli } from "./program.js";

// Tokens in .env switch the platforms on (docs/cli.md, Environment); variables already set in the
// environment win, as with `node --env-file`.
if (existsSync(".env")) process.loadEnvFile(".env");

process.exitCode = await runCli(process.argv.slice(2));
