'use strict';

const EMAIL = /^[^\s@]{1,64}@[^\s@]{1,255}$/;
const POSTCODES = {
  DE: /^\d{5}$/,
  NL: /^\d{4} ?[A-Z]{2}$/,
  GB: /^[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}$/,
  US: /^\d{5}(?:-\d{4})?$/,
};

/** Checks an address form; returns a map of field → message, empty when valid. */
function validateAddress(form) {
  const errors = {};
  const name = String(form.name || '').trim();
  if (name.length < 2 || name.length > 120) errors.name = 'Enter your full name';

  const email = String(form.email || '').trim();
  if (!EMAIL.test(email)) errors.email = 'Enter a valid e-mail address';

  const country = String(form.country || '').toUpperCase();
  const postcode = String(form.postcode || '').trim().toUpperCase();
  const pattern = Object.prototype.hasOwnProperty.call(POSTCODES, country) ? POSTCODES[country] : null;
  if (!pattern) errors.country = 'We do not ship to this country yet';
  else if (!pattern.test(postcode)) errors.postcode = 'Check the postcode';

  const street = String(form.street || '').trim();
  if (!street) errors.street = 'Enter a street and house number';
  return errors;
}

/** Quantity from a form field: a whole number from 1 to 99. */
function parseQuantity(text) {
  const trimmed = String(text).trim();
  if (!/^\d{1,2}$/.test(trimmed)) return null;
  const n = Number(trimmed);
  return n >= 1 && n <= 99 ? n : null;
}

module.exports = { validateAddress, parseQuantity };
