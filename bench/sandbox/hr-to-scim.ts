// The realistic workload: an HR record (~1 KB of JSON) mapped to a SCIM 2.0 user by a TypeScript snippet.

export const hrRecord = {
  employeeId: 'E-104233',
  status: 'terminated',
  legalName: { first: 'Ada', middle: 'King', last: 'Lovelace' },
  preferredName: 'Ada',
  email: 'Ada.Lovelace@Example.org',
  phones: [
    { type: 'work', number: '+44 20 7946 0018' },
    { type: 'mobile', number: '+44 7700 900123' },
  ],
  position: {
    title: 'Principal Analyst',
    department: 'Analytical Engines',
    costCenter: 'CC-4410',
    grade: 'L7',
  },
  manager: { employeeId: 'E-100001', email: 'charles.babbage@example.org' },
  location: { site: 'LON-1', country: 'GB', city: 'London', timezone: 'Europe/London' },
  hireDate: '2019-03-11',
  terminationDate: '2026-11-30T17:00:00Z',
  terminationReason: 'voluntary',
  groups: ['analysts', 'engines-ro', 'vpn-users', 'wiki-editors', 'all-staff'],
  entitlements: [
    { system: 'github', role: 'member' },
    { system: 'aws', role: 'readonly' },
    { system: 'okta', role: 'user' },
  ],
  customAttributes: { badgeId: 'B-99812', clearance: 'internal', contractor: false, pronouns: 'she/her' },
  updatedAt: '2026-11-26T09:15:00Z',
};

/** The snippet as an admin would write it in the designer. */
export const hrToScimSnippet = `export default (input: any, ctx: SnippetContext) => {
  const active = input.status !== 'terminated';
  const emails = [{ value: String(input.email).toLowerCase(), type: 'work', primary: true }];
  return {
    schemas: [
      'urn:ietf:params:scim:schemas:core:2.0:User',
      'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User',
    ],
    externalId: input.employeeId,
    userName: String(input.email).toLowerCase(),
    name: {
      givenName: input.legalName.first,
      middleName: input.legalName.middle,
      familyName: input.legalName.last,
      formatted: [input.preferredName ?? input.legalName.first, input.legalName.last].join(' '),
    },
    displayName: (input.preferredName ?? input.legalName.first) + ' ' + input.legalName.last,
    title: input.position.title,
    active,
    emails,
    phoneNumbers: input.phones.map((p: any) => ({ value: p.number, type: p.type })),
    addresses: [{ locality: input.location.city, country: input.location.country, type: 'work' }],
    groups: input.groups.filter((g: string) => g !== 'all-staff').map((g: string) => ({ value: g })),
    'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User': {
      employeeNumber: input.employeeId,
      costCenter: input.position.costCenter,
      department: input.position.department,
      manager: { value: input.manager.employeeId },
    },
    meta: { resourceType: 'User', lastModified: input.updatedAt },
    deprovisionAfter: active ? null : ctx.helpers.addDuration(input.terminationDate, 'P14D'),
  };
};
`;
