// @ts-check
/**
 * A native keyboard for ID numbers (weapp): digits, X only as the 18th character, delete. Native
 * so it opens instantly and never shows letters a resident cannot use; keys are 64px high, above
 * the 60px the 适老化 norms ask for. Emits `change` with the new value.
 */
Component({
  properties: {
    value: { type: String, value: '' },
  },
  data: {
    rows: [
      ['1', '2', '3'],
      ['4', '5', '6'],
      ['7', '8', '9'],
      ['X', '0', 'del'],
    ],
  },
  methods: {
    /** @param {{ currentTarget: { dataset: { key: string } } }} e */
    onKey(e) {
      const key = e.currentTarget.dataset.key;
      const value = String(this.properties.value || '');
      let next = value;
      if (key === 'del') next = value.slice(0, -1);
      else if (key === 'X') next = value.length === 17 ? `${value}X` : value;
      else if (value.length < 18) next = value + key;
      if (next === value) return;
      this.setData({ value: next });
      this.triggerEvent('change', { value: next });
    },
  },
});
