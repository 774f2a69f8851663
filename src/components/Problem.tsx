/** A failure said plainly, with what to do next. */
import { Text } from '@tarojs/components';

export function Problem({ message }: { message: string | null }) {
  return message ? <Text className='error'>{message}</Text> : null;
}
