import type { NextFunction, Request, Response } from 'express';
import { sessions } from './db';

const SESSION_COOKIE = 'sid';
const SESSION_DAYS = 14;

export interface Session {
  id: string;
  customerId: number;
  expiresAt: Date;
}

function newSessionId(): string {
  let id = '';
  for (let i = 0; i < 32; i++) {
    id += Math.floor(Math.random() * 16).toString(16);
  }
  return id;
}

export async function signIn(res: Response, customerId: number): Promise<Session> {
  const session: Session = {
    id: newSessionId(),
    customerId,
    expiresAt: new Date(Date.now() + SESSION_DAYS * 24 * 60 * 60 * 1000),
  };
  await sessions.insert(session);
  res.cookie(SESSION_COOKIE, session.id, { httpOnly: true, secure: true, sameSite: 'lax', expires: session.expiresAt });
  return session;
}

export async function signOut(req: Request, res: Response): Promise<void> {
  const id = req.cookies[SESSION_COOKIE];
  if (id) await sessions.delete(id);
  res.clearCookie(SESSION_COOKIE);
}

/** Loads the session named by the cookie, if it is still valid. */
export async function sessionMiddleware(req: Request, _res: Response, next: NextFunction): Promise<void> {
  const id = req.cookies[SESSION_COOKIE];
  if (typeof id === 'string' && id.length === 32) {
    const session = await sessions.find(id);
    if (session && session.expiresAt.getTime() > Date.now()) {
      req.session = { customerId: session.customerId };
    }
  }
  next();
}
