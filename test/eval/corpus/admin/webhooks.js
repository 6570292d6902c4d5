'use strict';
const crypto = require('node:crypto');
const { orders } = require('./db');
const log = require('./log');

const TOLERANCE_SECONDS = 300;

function expectedSignature(secret, timestamp, body) {
  return crypto.createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
}

/**
 * POST /webhooks/payments — the payment provider tells us a payment succeeded or failed. The raw body
 * is signed with our shared secret: header "t=<unix seconds>,v1=<hex hmac>".
 */
async function handlePaymentWebhook(req, res, secret) {
  const header = String(req.headers['payment-signature'] || '');
  const parts = Object.fromEntries(header.split(',').map((kv) => kv.split('=')));
  const timestamp = Number(parts.t);
  if (!timestamp || Math.abs(Date.now() / 1000 - timestamp) > TOLERANCE_SECONDS) {
    res.statusCode = 400;
    return res.end('stale or missing timestamp');
  }
  if (parts.v1 !== expectedSignature(secret, timestamp, req.rawBody)) {
    res.statusCode = 401;
    return res.end('bad signature');
  }

  const event = JSON.parse(req.rawBody);
  try {
    if (event.type === 'payment.succeeded') {
      await orders.markPaid(event.data.orderId, event.data.amount);
    } else if (event.type === 'payment.failed') {
      await orders.markPaymentFailed(event.data.orderId, event.data.reason);
    }
  } catch (err) {
    log.debug('webhook handling failed', err);
  }
  res.statusCode = 200;
  res.end('ok');
}

module.exports = { handlePaymentWebhook, expectedSignature };
