// Every call the meetings feature makes, typed. List bodies come back untyped from the generated schema
// (see types.ts), hence the casts.
import { api, call } from '../../api/client';
import { ApiError } from '../../api/errors';
import type { operations } from '../../api/schema';
import type {
  AgendaEntry,
  AgendaItem,
  Decision,
  Meeting,
  MeetingRole,
  MeetingState,
  Page,
  Patient,
  Triage,
} from './types';

type JsonBody<Operation extends keyof operations> = operations[Operation] extends {
  requestBody?: { content: { 'application/json': infer Body } };
}
  ? Body
  : never;

export type NewMeeting = JsonBody<'createMeeting'>;
export type NewSeries = JsonBody<'createMeetingSeries'>;
export type Proposal = JsonBody<'proposePatient'>;
export type DecisionBody = JsonBody<'recordDecision'>;
export interface MeetingQuery {
  from?: string;
  to?: string;
  cursor?: string;
  limit?: number;
}

function meetingPath(meetingId: string) {
  return { params: { path: { meeting_id: meetingId } } };
}

function itemPath(meetingId: string, itemId: string) {
  return { params: { path: { meeting_id: meetingId, item_id: itemId } } };
}

export async function listMeetings(query: MeetingQuery, signal?: AbortSignal): Promise<Page<Meeting>> {
  return (await call(api.GET('/api/v1/meetings', { params: { query }, signal }))) as Page<Meeting>;
}

export function createMeeting(body: NewMeeting): Promise<Meeting> {
  return call(api.POST('/api/v1/meetings', { body }));
}

export async function createSeries(body: NewSeries): Promise<Meeting[]> {
  return (await call(api.POST('/api/v1/meeting-series', { body }))).meetings;
}

export function getMeeting(meetingId: string, signal?: AbortSignal): Promise<Meeting> {
  return call(api.GET('/api/v1/meetings/{meeting_id}', { ...meetingPath(meetingId), signal }));
}

export function transitionMeeting(meetingId: string, to: MeetingState): Promise<Meeting> {
  return call(api.POST('/api/v1/meetings/{meeting_id}/transitions', { ...meetingPath(meetingId), body: { to } }));
}

export function setParticipant(meetingId: string, userId: string, role: MeetingRole): Promise<Meeting> {
  return call(
    api.PUT('/api/v1/meetings/{meeting_id}/participants/{user_id}', {
      params: { path: { meeting_id: meetingId, user_id: userId } },
      body: { meeting_role: role },
    }),
  );
}

export async function removeParticipant(meetingId: string, userId: string): Promise<void> {
  await call(
    api.DELETE('/api/v1/meetings/{meeting_id}/participants/{user_id}', {
      params: { path: { meeting_id: meetingId, user_id: userId } },
    }),
  );
}

export function recordAttendance(meetingId: string, present: string[]): Promise<Meeting> {
  return call(api.PUT('/api/v1/meetings/{meeting_id}/attendance', { ...meetingPath(meetingId), body: { present } }));
}

export async function getAgenda(meetingId: string, signal?: AbortSignal): Promise<AgendaEntry[]> {
  const agenda = await call(api.GET('/api/v1/meetings/{meeting_id}/agenda', { ...meetingPath(meetingId), signal }));
  return agenda.items as unknown as AgendaEntry[];
}

export async function orderAgenda(meetingId: string, itemIds: string[]): Promise<AgendaEntry[]> {
  const agenda = await call(
    api.PUT('/api/v1/meetings/{meeting_id}/agenda/order', { ...meetingPath(meetingId), body: { item_ids: itemIds } }),
  );
  return agenda.items as unknown as AgendaEntry[];
}

export async function getProposals(meetingId: string, signal?: AbortSignal): Promise<AgendaItem[]> {
  const proposals = await call(
    api.GET('/api/v1/meetings/{meeting_id}/proposals', { ...meetingPath(meetingId), signal }),
  );
  return proposals.items as unknown as AgendaItem[];
}

export async function proposePatient(meetingId: string, body: Proposal): Promise<AgendaItem> {
  return (await call(
    api.POST('/api/v1/meetings/{meeting_id}/agenda', { ...meetingPath(meetingId), body }),
  )) as AgendaItem;
}

export async function approveProposal(
  meetingId: string,
  itemId: string,
  triage: Triage,
  position?: number,
): Promise<void> {
  await call(
    api.POST('/api/v1/meetings/{meeting_id}/agenda/{item_id}/approval', {
      ...itemPath(meetingId, itemId),
      body: { triage, position },
    }),
  );
}

export async function rejectProposal(meetingId: string, itemId: string, reason: string): Promise<void> {
  await call(
    api.POST('/api/v1/meetings/{meeting_id}/agenda/{item_id}/rejection', {
      ...itemPath(meetingId, itemId),
      body: { reason },
    }),
  );
}

/** The latest version of an item's decision, or null when none is recorded yet. */
export async function findDecision(meetingId: string, itemId: string, signal?: AbortSignal): Promise<Decision | null> {
  try {
    return await call(
      api.GET('/api/v1/meetings/{meeting_id}/agenda/{item_id}/decision', { ...itemPath(meetingId, itemId), signal }),
    );
  } catch (err) {
    if (err instanceof ApiError && err.code === 'not_found') return null;
    throw err;
  }
}

export function recordDecision(meetingId: string, itemId: string, body: DecisionBody): Promise<Decision> {
  return call(
    api.PUT('/api/v1/meetings/{meeting_id}/agenda/{item_id}/decision', { ...itemPath(meetingId, itemId), body }),
  );
}

export function signDecision(meetingId: string, itemId: string): Promise<Decision> {
  return call(
    api.POST('/api/v1/meetings/{meeting_id}/agenda/{item_id}/decision/signature', itemPath(meetingId, itemId)),
  );
}

export interface PatientQuery {
  name?: string;
  mrn?: string;
  birth_date?: string;
}

export async function findPatients(query: PatientQuery, signal?: AbortSignal): Promise<Patient[]> {
  const page = await call(api.GET('/api/v1/patients', { params: { query: { ...query, limit: 20 } }, signal }));
  return page.items as Patient[];
}
