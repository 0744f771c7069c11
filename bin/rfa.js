#!/usr/bin/env node
'use strict';
require('../dist/rfa.cjs');
