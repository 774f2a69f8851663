/**
 * Households this phone looked up recently, to open again in one tap. Only what the server sent
 * masked is kept (a masked name, the region): nothing here identifies a person.
 */
import Taro from '@tarojs/taro';

const KEY = 'yibao-recent';
const KEEP = 5;

export interface RecentHousehold {
  householdId: string;
  region: string;
  /** The masked name of the member who looked it up, e.g. 王*国. */
  label: string;
}

export function recentHouseholds(): RecentHousehold[] {
  const stored = Taro.getStorageSync(KEY);
  return Array.isArray(stored) ? (stored as RecentHousehold[]) : [];
}

export function rememberHousehold(h: RecentHousehold): void {
  Taro.setStorageSync(KEY, [h, ...recentHouseholds().filter((r) => r.householdId !== h.householdId)].slice(0, KEEP));
}
