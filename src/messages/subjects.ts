/**
 * The subjects of a request, tagged by `kind`. Field names follow the goAML XML schema (`t_person`,
 * `t_entity`, `t_account`, transaction) so that data moves between goAML and the gateway without
 * mapping; see DOMAIN.md. Every object is strict: unknown fields are refused.
 */
import { z } from 'zod';
import { f, list, record, text } from './fields.js';

/** The subject kinds, in the order of the goAML schema. */
export const SUBJECT_KINDS = ['person', 'entity', 'account', 'transaction'] as const;
export type SubjectKind = (typeof SUBJECT_KINDS)[number];

/** goAML `t_address`. */
const address = record({
  address_type: text(50).optional(),
  address: text(500),
  city: text(100).optional(),
  zip: text(20).optional(),
  country_code: f.country,
});

/** goAML `t_phone`. */
const phone = record({
  tph_contact_type: text(50).optional(),
  tph_communication_type: text(50).optional(),
  tph_number: text(50),
});

/** A person named only (directors, signatories). */
const namedPerson = record({ first_name: text(100), last_name: text(100) });

/** goAML `t_person`. */
export const personSchema = record({
  kind: z.literal('person'),
  first_name: text(100),
  middle_name: text(100).optional(),
  last_name: text(100),
  birthdate: f.date.optional(),
  nationality1: f.country.optional(),
  passport_number: text(50).optional(),
  passport_country: f.country.optional(),
  id_number: text(50).optional(),
  addresses: list(address, 20, 'addresses').optional(),
  phones: list(phone, 20, 'phones').optional(),
  occupation: text(255).optional(),
});

/** goAML `t_entity`. */
export const entitySchema = record({
  kind: z.literal('entity'),
  name: text(255),
  incorporation_number: text(50).optional(),
  incorporation_country_code: f.country.optional(),
  tax_number: text(100).optional(),
  business: text(255).optional(),
  addresses: list(address, 20, 'addresses').optional(),
  director_id: list(namedPerson, 50, 'directors ({ first_name, last_name })').optional(),
});

/** goAML `t_account`. */
export const accountSchema = record({
  kind: z.literal('account'),
  institution_name: text(255),
  swift: f.bic.optional(),
  account: text(50).optional(),
  iban: f.iban.optional(),
  currency_code: f.currency.optional(),
  signatory: list(namedPerson, 50, 'signatories ({ first_name, last_name })').optional(),
  status_code: text(50).optional(),
});

/** goAML `transaction` (the parties are named in free text here). */
export const transactionSchema = record({
  kind: z.literal('transaction'),
  transactionnumber: text(50).optional(),
  date_transaction: f.dateOrDateTime,
  amount_local: f.amount,
  currency_code: f.currency.optional(),
  transmode_code: text(50).optional(),
  from_party: text(255).optional(),
  to_party: text(255).optional(),
});

/** A subject of a request: a tagged union on `kind`. */
export const subjectSchema = z.discriminatedUnion(
  'kind',
  [personSchema, entitySchema, accountSchema, transactionSchema],
  {
    error: (issue) =>
      issue.input === undefined
        ? 'required: expected a subject object'
        : `expected a subject object whose kind is one of ${SUBJECT_KINDS.join(', ')}`,
  },
);

/** A person subject (goAML `t_person`). */
export type PersonSubject = z.infer<typeof personSchema>;
/** An entity subject (goAML `t_entity`). */
export type EntitySubject = z.infer<typeof entitySchema>;
/** An account subject (goAML `t_account`). */
export type AccountSubject = z.infer<typeof accountSchema>;
/** A transaction subject. */
export type TransactionSubject = z.infer<typeof transactionSchema>;
/** Any subject, tagged by `kind`. */
export type Subject = z.infer<typeof subjectSchema>;
