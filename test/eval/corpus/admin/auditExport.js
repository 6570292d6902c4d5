'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { auditLog } = require('./db');

const EXPORT_DIR = path.resolve(__dirname, '../exports');

function csvCell(value) {
  const text = value === null || value === undefined ? '' : String(value);
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * Writes the audit log between two dates to exports/audit-<from>-<to>.csv, a batch of 500 rows at a
 * time, and resolves with the file's path.
 */
async function exportAudit(from, to) {
  const file = path.join(EXPORT_DIR, `audit-${from}-${to}.csv`);
  const out = fs.createWriteStream(file);
  out.write('at,actor,action,target\n');
  let offset = 0;
  for (;;) {
    const rows = await auditLog.between(from, to, { limit: 500, offset });
    if (rows.length === 0) break;
    for (const row of rows) {
      out.write([row.at.toISOString(), row.actor, row.action, row.target].map(csvCell).join(',') + '\n');
    }
    offset += rows.length;
  }
  out.end();
  return file;
}

module.exports = { exportAudit, csvCell };
