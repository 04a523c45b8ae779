/** GraphQL over HTTP for the benchmarks: one POST, the data or an error. */

/** Sends an operation; throws on a transport error, a non-JSON answer or any GraphQL error. */
export async function postGraphQL<T = any>(url: string, query: string, variables: Record<string, unknown>, headers: Record<string, string> = {}): Promise<T> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: T; errors?: { message: string }[] };
  if (body.errors?.length) throw new Error(`GraphQL error from ${url}: ${body.errors.map((error) => error.message).join('; ')}`);
  if (!body.data) throw new Error(`${url} answered ${response.status} without data`);
  return body.data;
}

/** The `Authorization` header of a bearer token. */
export function bearer(token: string): Record<string, string> {
  return { authorization: `Bearer ${token}` };
}
