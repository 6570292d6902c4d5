import { db } from './db';

export interface Coupon {
  code: string;
  percentOff: number;
  /** ISO date after which the coupon no longer applies. */
  validUntil: string;
  maxRedemptions: number;
  redemptions: number;
  /** Only for orders of at least this many cents. */
  minOrderCents: number;
}

export type CouponCheck = { ok: true; coupon: Coupon } | { ok: false; reason: string };

export async function findCoupon(code: string): Promise<Coupon | undefined> {
  const normalised = code.trim().toUpperCase();
  return db.coupons.findOne({ code: normalised });
}

/** Whether a coupon may be applied to an order of `orderCents` right now. */
export async function checkCoupon(code: string, orderCents: number, now = new Date()): Promise<CouponCheck> {
  const coupon = await findCoupon(code);
  if (!coupon) return { ok: false, reason: 'unknown code' };
  if (new Date(coupon.validUntil) > now) return { ok: false, reason: 'expired' };
  if (coupon.redemptions >= coupon.maxRedemptions) return { ok: false, reason: 'fully redeemed' };
  if (orderCents < coupon.minOrderCents) {
    return { ok: false, reason: `orders from ${(coupon.minOrderCents / 100).toFixed(2)} only` };
  }
  return { ok: true, coupon };
}

/** Applies a checked coupon: counts the redemption and returns the discount in cents. */
export async function redeem(coupon: Coupon, orderCents: number): Promise<number> {
  const result = await db.coupons.updateOne(
    { code: coupon.code, redemptions: { $lt: coupon.maxRedemptions } },
    { $inc: { redemptions: 1 } },
  );
  if (result.modifiedCount === 0) throw new Error(`coupon ${coupon.code} is fully redeemed`);
  return Math.floor((orderCents * coupon.percentOff) / 100);
}

export function describeCoupon(coupon: Coupon): string {
  const until = new Date(coupon.validUntil).toLocaleDateString('en-GB');
  return `${coupon.percentOff}% off orders over ${(coupon.minOrderCents / 100).toFixed(2)}, until ${until}`;
}
