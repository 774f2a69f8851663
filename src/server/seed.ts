/** Writes households, members and subsidy identities through the storage port (demo county, tests). */
import { readIdNumber } from '../core/id-number';
import type { IdentityRecord, PersonRecord, Storage } from '../core/ports';
import type { IdentityCode } from '../core/vocabulary';

export interface MemberSeed extends Partial<Omit<PersonRecord, 'householdId' | 'idNumber' | 'name'>> {
  idNumber: string;
  name: string;
  identities?: Array<{ identity: IdentityCode; department: string; recognizedOn?: string }>;
}

export interface HouseholdSeed {
  householdId: string;
  region: string;
  unit: string;
  members: MemberSeed[];
}

export async function seedHouseholds(storage: Storage, households: HouseholdSeed[]): Promise<void> {
  await storage.transaction(async (tx) => {
    for (const h of households) {
      await tx.upsertHousehold({ householdId: h.householdId, region: h.region, unit: h.unit });
      for (const [i, m] of h.members.entries()) {
        const id = readIdNumber(m.idNumber);
        if (!id.ok) throw new Error(`seed: invalid ID number in ${h.householdId} member ${i + 1}`);
        await tx.upsertPerson({
          personId: m.personId ?? `${h.householdId}-${i + 1}`,
          householdId: h.householdId,
          idNumber: m.idNumber,
          birthCertificateNo: m.birthCertificateNo ?? null,
          guardianId: m.guardianId ?? null,
          name: m.name,
          birthDate: m.birthDate ?? id.facts.birthDate,
          hukou: m.hukou ?? 'local',
          residencePermit: m.residencePermit ?? false,
          employeeInsured: m.employeeInsured ?? false,
          employeeHistory: m.employeeHistory ?? null,
          school: m.school ?? false,
          migrantWorker: m.migrantWorker ?? false,
          military: m.military ?? false,
          prisoner: m.prisoner ?? false,
          leavesOn: m.leavesOn ?? null,
          dischargedOn: m.dischargedOn ?? null,
        });
        for (const identity of m.identities ?? []) {
          const record: IdentityRecord = { idNumber: m.idNumber, identity: identity.identity, department: identity.department, recognizedOn: identity.recognizedOn ?? null };
          await tx.upsertIdentity(record);
        }
      }
    }
  });
}
