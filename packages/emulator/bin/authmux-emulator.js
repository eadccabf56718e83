#!/usr/bin/env node
// The command's entry, kept outside dist so that installing the workspace can link it before anything is built.
import "../dist/cli.js";
