import { api, call } from '../../../api/client';
import type { Plan, PlanState, PlanVersion } from './plan-model';

// The OpenAPI schema leaves a plan's steps, addenda and versions untyped; plan-model.ts says what they are.

export async function readPlan(planId: string, signal?: AbortSignal): Promise<Plan> {
  return (await call(api.GET('/api/v1/plans/{plan_id}', { params: { path: { plan_id: planId } }, signal }))) as Plan;
}

export async function readPlans(patientId: string, signal?: AbortSignal): Promise<Plan[]> {
  const plans = await call(
    api.GET('/api/v1/patients/{patient_id}/plans', { params: { path: { patient_id: patientId } }, signal }),
  );
  return plans.items as Plan[];
}

export async function readVersions(planId: string, signal?: AbortSignal): Promise<PlanVersion[]> {
  const versions = await call(
    api.GET('/api/v1/plans/{plan_id}/versions', { params: { path: { plan_id: planId } }, signal }),
  );
  return versions.items as PlanVersion[];
}

export async function readVersion(planId: string, version: number, signal?: AbortSignal): Promise<PlanVersion> {
  return (await call(
    api.GET('/api/v1/plans/{plan_id}/versions/{version}', { params: { path: { plan_id: planId, version } }, signal }),
  )) as PlanVersion;
}

export async function movePlan(planId: string, to: PlanState): Promise<Plan> {
  return (await call(
    api.POST('/api/v1/plans/{plan_id}/transitions', { params: { path: { plan_id: planId } }, body: { to } }),
  )) as Plan;
}
