#!/usr/bin/env node
// Installed entry point: runs the compiled CLI (npm run build puts it in dist/).
import "../dist/cli/main.js";
