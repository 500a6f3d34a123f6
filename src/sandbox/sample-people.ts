import type { FakeUser } from './zendesk-model.js';

/**
 * The people of the demo's sample inbox: customer organisations of a fictional SaaS (Tallyo,
 * invoicing and expenses for small companies), their staff who write in, and the support
 * agents who answer. Every domain is under .example (RFC 2606) and every phone number is in a
 * range set aside for fiction, so nothing here can reach a real person.
 */

export interface SampleOrganization {
  id: number;
  name: string;
  domain: string;
}

export const ORGANIZATIONS: readonly SampleOrganization[] = [
  ['Northwind Traders', 'northwind'], ['Brightpath Logistics', 'brightpath'], ['Kestrel Design Studio', 'kestrel'],
  ['Harbor & Finch', 'harborfinch'], ['Lumen Dental Group', 'lumendental'], ['Copperleaf Bakery', 'copperleaf'],
  ['Atlas Field Services', 'atlasfield'], ['Bluefern Consulting', 'bluefern'], ['Oakridge Property', 'oakridge'],
  ['Vireo Health', 'vireo'], ['Maple & Stone Architects', 'maplestone'], ['Quillon Legal', 'quillon'],
  ['Sundial Travel', 'sundial'], ['Pinecrest Schools', 'pinecrest'], ['Redwood Outfitters', 'redwood'],
  ['Tidewater Marine', 'tidewater'], ['Everglow Events', 'everglow'], ['Granite Peak IT', 'granitepeak'],
  ['Hollis Media', 'hollis'], ['Juniper Analytics', 'juniper'], ['Lark & Co. Florists', 'larkflorists'],
  ['Meridian Freight', 'meridian'], ['Nimbus Robotics', 'nimbus'], ['Orchard Lane Cafe', 'orchardlane'],
  ['Papillon Boutique', 'papillon'], ['Rivet Manufacturing', 'rivet'], ['Saffron Kitchens', 'saffron'],
  ['Tessellate Games', 'tessellate'], ['Wildflower Yoga', 'wildflower'], ['Zephyr Renewables', 'zephyr'],
].map(([name, slug], i) => ({ id: 360_000_100 + i, name: name!, domain: `${slug}.example` }));

export const FIRST_NAMES = [
  'Maria', 'James', 'Aisha', 'Lukas', 'Sofia', 'Daniel', 'Chloé', 'Kwame', 'Hannah', 'Mateo', 'Yuki', 'Olivia',
  'Rahul', 'Emma', 'Tomasz', 'Grace', 'Ahmed', 'Ingrid', 'Diego', 'Nora', 'Samuel', 'Leila', 'Finn', 'Priyanka',
  'Oscar', 'Amelie', 'Kofi', 'Elena', 'Marcus', 'Zoe', 'Henrik', 'Camila', 'Victor', 'Isla', 'Jonas', 'Fatima',
] as const;

export const LAST_NAMES = [
  'Gonzalez', 'Whitaker', 'Okafor', 'Brandt', 'Rossi', 'Kim', 'Lefèvre', 'Mensah', 'Schulz', 'Alvarez', 'Tanaka',
  'Pearson', 'Iyer', 'Fischer', 'Nowak', 'Odhiambo', 'Haddad', 'Lindqvist', 'Moreno', 'Byrne', 'Adeyemi', 'Farouk',
  'Gallagher', 'Chatterjee', 'Dubois', 'Novak', 'Asante', 'Petrova', 'Holloway', 'Sato', 'Berg', 'Castillo',
] as const;

export const JOB_TITLES = ['Office Manager', 'Finance Lead', 'Operations Director', 'Bookkeeper', 'Founder', 'IT Admin', 'Head of Finance', 'Controller'] as const;

/** The support team. Ids are low, as a Zendesk account's first users are. */
export const AGENTS: readonly FakeUser[] = [
  ['Priya Raman', 'priya'], ['Tom Becker', 'tom'], ['Ana Sousa', 'ana'], ['Ben Carter', 'ben'], ['Mei Lin', 'mei'],
].map(([name, handle], i) => ({ id: 900 + i, name: name!, email: `${handle}@support.tallyo.example`, role: 'agent' as const, organization_id: null }));

/**
 * Phone numbers in ranges reserved for drama and documentation (Ofcom 020 7946 0xxx, NANP
 * 555-01xx, ACMA 0491 570 1xx, Ofcom Manchester 0161 496 0xxx), written the ways customers write them.
 */
export function fictionalPhone(random: () => number): string {
  const n = (digits: number) => String(Math.floor(random() * 10 ** digits)).padStart(digits, '0');
  const formats = [
    () => `+44 20 7946 0${n(3)}`,
    () => `(415) 555-01${n(2)}`,
    () => `+1 212 555 01${n(2)}`,
    () => `0491 570 1${Math.floor(random() * 6)}${n(1)}`,
    () => `+44 161 496 0${n(3)}`,
    () => `020 7946 0${n(3)}`,
  ];
  return formats[Math.floor(random() * formats.length)]!();
}
