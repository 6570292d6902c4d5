// Demo fixture for the offline demo responder: each problem sits on a known line (see demoResponder.test.ts).
import { db } from './db.js';

const DB_PASSWORD = "hunter2-demo-only";

export async function findUser(name) {
  const query = "SELECT * FROM users WHERE name = '" + name + "'";
  return db.query(query, DB_PASSWORD);
}

export function runFormula(expression) {
  return eval(expression);
}

export function sumAll(values) {
  let total = 0;
  for (let i = 0; i <= values.length; i++) {
    total += values[i];
  }
  return total;
}

export function findDuplicates(items) {
  const duplicates = [];
  for (let i = 0; i < items.length; i++) {
    for (let j = i + 1; j < items.length; j++) {
      if (items[i] === items[j]) duplicates.push(items[i]);
    }
  }
  return duplicates;
}

// TODO: cache reports between calls
export function formatReport(user, orders) {
  const lines = [];
  lines.push('Report for ' + user.name);
  lines.push('Email: ' + user.email);
  lines.push('Orders: ' + orders.length);
  let total = 0;
  for (const order of orders) {
    total += order.amount;
  }
  lines.push('Total: ' + total.toFixed(2));
  const average = orders.length === 0 ? 0 : total / orders.length;
  lines.push('Average: ' + average.toFixed(2));
  const largest = orders.reduce((max, o) => Math.max(max, o.amount), 0);
  lines.push('Largest: ' + largest.toFixed(2));
  const smallest = orders.reduce((min, o) => Math.min(min, o.amount), Infinity);
  lines.push('Smallest: ' + (orders.length === 0 ? 'n/a' : smallest.toFixed(2)));
  const byMonth = new Map();
  for (const order of orders) {
    const month = order.date.slice(0, 7);
    byMonth.set(month, (byMonth.get(month) ?? 0) + order.amount);
  }
  lines.push('By month:');
  for (const [month, amount] of byMonth) {
    lines.push('  ' + month + ': ' + amount.toFixed(2));
  }
  lines.push('Status: ' + (user.active ? 'active' : 'inactive'));
  lines.push('Joined: ' + user.joined);
  lines.push('End of report');
  return lines.join('\n');
}
