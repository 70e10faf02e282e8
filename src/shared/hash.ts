/** Hex SHA-256 of a string, first 16 bytes: short enough for keys, long enough never to collide here. */
export async function hashId(s: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(s));
  return [...new Uint8Array(digest, 0, 16)].map((b) => b.toString(16).padStart(2, '0')).join('');
}
