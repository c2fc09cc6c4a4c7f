#!/usr/bin/env node
'use strict';
// The built CLI (npm run compile → dist/cli.js).
require('../dist/cli.js').runCli();
