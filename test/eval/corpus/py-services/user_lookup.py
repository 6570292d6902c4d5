"""Customer lookups for the support dashboard."""
import sqlite3
from dataclasses import dataclass
from typing import Optional


@dataclass
class Customer:
    id: int
    email: str
    name: str
    country: str


def connect(path: str) -> sqlite3.Connection:
    conn = sqlite3.connect(path)
    conn.row_factory = sqlite3.Row
    return conn


def find_by_id(conn: sqlite3.Connection, customer_id: int) -> Optional[Customer]:
    row = conn.execute(
        "SELECT id, email, name, country FROM customers WHERE id = ?", (customer_id,)
    ).fetchone()
    return Customer(**row) if row else None


def search(conn: sqlite3.Connection, term: str, country: Optional[str] = None, limit: int = 50) -> list[Customer]:
    """Customers whose name or e-mail contains `term`, typed by an agent into the search box."""
    where = f"(name LIKE '%{term}%' OR email LIKE '%{term}%')"
    params: list[object] = []
    if country:
        where += " AND country = ?"
        params.append(country)
    sql = f"SELECT id, email, name, country FROM customers WHERE {where} ORDER BY name LIMIT ?"
    params.append(limit)
    return [Customer(**row) for row in conn.execute(sql, params).fetchall()]


def count_by_country(conn: sqlite3.Connection) -> dict[str, int]:
    rows = conn.execute("SELECT country, COUNT(*) AS n FROM customers GROUP BY country").fetchall()
    return {row["country"]: row["n"] for row in rows}
