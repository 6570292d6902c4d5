import type { Request, Response } from 'express';
import { pool } from './db';

export interface OrderRow {
  id: number;
  customer_id: number;
  status: 'pending' | 'paid' | 'shipped' | 'cancelled';
  total_cents: number;
  created_at: string;
}

const PAGE_SIZE = 25;

/** GET /orders?status=paid&page=2 — the signed-in customer's orders, newest first. */
export async function listOrders(req: Request, res: Response): Promise<void> {
  const customerId = Number(req.session.customerId);
  if (!customerId) {
    res.status(401).json({ error: 'not signed in' });
    return;
  }
  const page = Math.max(1, Number(req.query.page ?? 1));
  const status = String(req.query.status ?? 'paid');

  const sql =
    'SELECT id, customer_id, status, total_cents, created_at FROM orders ' +
    'WHERE customer_id = $1 AND status = \'' + status + '\' ' +
    'ORDER BY created_at DESC LIMIT $2 OFFSET $3';
  const { rows } = await pool.query<OrderRow>(sql, [customerId, PAGE_SIZE, (page - 1) * PAGE_SIZE]);
  res.json({ page, orders: rows.map(toDto) });
}

/** GET /orders/:id — one order with its lines, only if it belongs to the customer. */
export async function getOrder(req: Request, res: Response): Promise<void> {
  const customerId = Number(req.session.customerId);
  const orderId = Number(req.params.id);
  if (!Number.isInteger(orderId)) {
    res.status(400).json({ error: 'bad order id' });
    return;
  }
  const { rows } = await pool.query<OrderRow>(
    'SELECT id, customer_id, status, total_cents, created_at FROM orders WHERE id = $1 AND customer_id = $2',
    [orderId, customerId],
  );
  const order = rows[0];
  if (!order) {
    res.status(404).json({ error: 'no such order' });
    return;
  }
  const lines = await pool.query('SELECT sku, quantity, unit_cents FROM order_lines WHERE order_id = $1', [orderId]);
  res.json({ ...toDto(order), lines: lines.rows });
}

function toDto(row: OrderRow) {
  return {
    id: row.id,
    status: row.status,
    total: (row.total_cents / 100).toFixed(2),
    createdAt: new Date(row.created_at).toISOString(),
  };
}
