// Stand-in database client for the demo fixture; nothing in it should be reported.
export const db = {
  async query(sql, password) {
    return { sql, rows: [], authenticated: Boolean(password) };
  },
};
