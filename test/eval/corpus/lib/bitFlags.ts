/** Permissions stored as bits in one integer column (users.permissions). */
export const Permission = {
  Read: 1 << 0,
  Write: 1 << 1,
  Delete: 1 << 2,
  Invite: 1 << 3,
  Billing: 1 << 4,
  Admin: 1 << 5,
} as const;

export type PermissionName = keyof typeof Permission;

export function has(mask: number, permission: number): boolean {
  return (mask & permission) === permission;
}

export function grant(mask: number, ...permissions: number[]): number {
  return permissions.reduce((m, p) => m | p, mask);
}

export function revoke(mask: number, ...permissions: number[]): number {
  return permissions.reduce((m, p) => m & ~p, mask);
}

export function names(mask: number): PermissionName[] {
  return (Object.keys(Permission) as PermissionName[]).filter((name) => has(mask, Permission[name]));
}

/** Whether `actor` may change `target`'s permissions to `next`: never beyond the actor's own. */
export function mayAssign(actor: number, target: number, next: number): boolean {
  if (has(actor, Permission.Admin)) return true;
  const added = next & ~target;
  const removed = target & ~next;
  return (added & ~actor) === 0 && (removed & ~actor) === 0;
}

export function parseMask(text: string): number {
  if (!/^\d{1,10}$/.test(text.trim())) throw new RangeError(`bad permission mask: ${text}`);
  return Number(text.trim());
}
