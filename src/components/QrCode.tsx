/**
 * A QR code drawn as rows of blocks, the same on weapp and H5 (no canvas API to tell apart):
 * the voucher's QR payload becomes something a clinic's scanner reads off the screen.
 */
import { View } from '@tarojs/components';
import { encode } from 'uqr';

export function QrCode({ payload, moduleSize = 6 }: { payload: string; moduleSize?: number }) {
  const { data } = encode(payload, { ecc: 'M', border: 2 });
  return (
    <View className='qr-code' ariaRole='img' ariaLabel='医保电子凭证二维码'>
      {data.map((row, y) => (
        <View key={y} className='qr-row' style={{ height: `${moduleSize}px` }}>
          {row.map((dark, x) => (
            <View key={x} className={dark ? 'qr-dot on' : 'qr-dot'} style={{ width: `${moduleSize}px`, height: `${moduleSize}px` }} />
          ))}
        </View>
      ))}
    </View>
  );
}
