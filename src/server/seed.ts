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

/** Households per transaction: a big synthetic county goes in a few statements per thousand. */
const BATCH = 1000;

export async function seedHouseholds(storage: Storage, households: HouseholdSeed[]): Promise<void> {
  for (let start = 0; start < households.length; start += BATCH) {
    const batch = households.slice(start, start + BATCH);
    const persons: PersonRecord[] = [];
    const identities: IdentityRecord[] = [];
    for (const h of batch) {
      for (const [i, m] of h.members.entries()) {
        const id = readIdNumber(m.idNumber);
        if (!id.ok) throw new Error(`seed: invalid ID number in ${h.householdId} member ${i + 1}`);
        persons.push({
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
          enrolledYears: m.enrolledYears ?? null,
          claimFreeLastYear: m.claimFreeLastYear ?? false,
        });
        for (const identity of m.identities ?? []) {
          identities.push({ idNumber: m.idNumber, identity: identity.identity, department: identity.department, recognizedOn: identity.recognizedOn ?? null });
        }
      }
    }
    await storage.transaction(async (tx) => {
      await tx.upsertHouseholds(batch.map((h) => ({ householdId: h.householdId, region: h.region, unit: h.unit })));
      await tx.upsertPersons(persons);
      if (identities.length > 0) await tx.upsertIdentities(identities);
    });
  }
}
