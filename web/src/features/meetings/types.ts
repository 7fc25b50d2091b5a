// The meeting, agenda and decision shapes the API returns. The generated schema leaves list items and an
// agenda item's patient untyped, so they are spelled out here.
import type { components } from '../../api/schema';

type Schemas = components['schemas'];

export type MeetingState = Schemas['MeetingState'];
export type MeetingRole = Schemas['MeetingRole'];
export type CoreRole = Schemas['CoreRoles'][number];
export type Meeting = Schemas['Meeting'];
export type Participant = NonNullable<Meeting['participants']>[number];
export type Outcome = Schemas['Outcome'];
export type Decision = Schemas['Decision'];
export type Resolution = Decision['resolution'];
export type DirectoryEntry = Schemas['DirectoryEntry'];
export type Patient = Schemas['Patient'];
export type Triage = NonNullable<Schemas['AgendaItem']['triage']>;

/** The patient on an agenda item; a guest gets neither ids nor the MRN. */
export interface AgendaPatient {
  id?: string;
  mrn?: string;
  family_name: string;
  given_name: string;
  birth_date: string;
  sex: string;
}

export type AgendaItem = Omit<Schemas['AgendaItem'], 'patient'> & { patient: AgendaPatient };

/** An item of the approved agenda: everything for members, the proforma alone for a guest. */
export type AgendaEntry = Pick<
  AgendaItem,
  | 'id'
  | 'position'
  | 'triage'
  | 'clinical_question'
  | 'summary'
  | 'ecog'
  | 'comorbidities'
  | 'investigations'
  | 'patient'
> &
  Partial<Omit<AgendaItem, 'patient'>>;

export interface Page<T> {
  items: T[];
  next_cursor: string | null;
}
