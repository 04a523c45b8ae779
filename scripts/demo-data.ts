/**
 * A small demo data set, loaded through the gateway with an ADMIN token on the
 * first `npm start` (so it also exercises the real API): one municipality,
 * volunteers and AEDs.
 */
export interface DemoData {
  municipalityId: string;
  volunteerIds: string[];
  aedIds: string[];
}

async function call<T>(url: string, token: string, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: T; errors?: unknown[] };
  if (body.errors?.length) throw new Error(`Demo data: ${JSON.stringify(body.errors)}`);
  return body.data as T;
}

/** Whether the demo municipality is already there (the data is kept across restarts). */
export async function hasDemoData(url: string, token: string): Promise<boolean> {
  const data = await call<{ municipalities: { code: string }[] }>(url, token, '{ municipalities { code } }');
  return data.municipalities.length > 0;
}

export async function loadDemoData(url: string, token: string): Promise<DemoData> {
  const { createMunicipality } = await call<{ createMunicipality: { id: string } }>(
    url,
    token,
    `mutation { createMunicipality(input: { name: "Oisterwijk", code: "GM0824", countryCode: "NL", timeZone: "Europe/Amsterdam", population: 26500 }) { id } }`,
  );
  const municipalityId = createMunicipality.id;
  const volunteerIds: string[] = [];
  for (const name of ['Anna de Vries', 'Bram Jansen', 'Chantal Bakker', 'Dirk Visser']) {
    const { registerVolunteer } = await call<{ registerVolunteer: { id: string } }>(
      url,
      token,
      `mutation ($input: RegisterVolunteerInput!) { registerVolunteer(input: $input) { id } }`,
      { input: { name, municipalityId } },
    );
    volunteerIds.push(registerVolunteer.id);
  }
  const aedIds: string[] = [];
  for (const [latitude, longitude, locationDescription] of [
    [51.5794, 5.1893, 'Sports hall De Leije, left of the main entrance (outdoor cabinet)'],
    [51.5826, 5.1962, 'Town hall, reception desk (office hours)'],
  ] as const) {
    const { registerAed } = await call<{ registerAed: { id: string } }>(
      url,
      token,
      `mutation ($input: RegisterAedInput!) { registerAed(input: $input) { id } }`,
      { input: { municipalityId, location: { latitude, longitude }, locationDescription } },
    );
    aedIds.push(registerAed.id);
  }
  return { municipalityId, volunteerIds, aedIds };
}
