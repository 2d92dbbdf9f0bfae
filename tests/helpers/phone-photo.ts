import sharp from 'sharp';

/** a phone photo as a resident sends it: stored sideways (EXIF orientation 6), with the phone's make and model and the GPS position */
export async function phonePhoto(width = 60, height = 30): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: '#6a8' } })
    .jpeg()
    .withMetadata({ orientation: 6 })
    .withExifMerge({
      IFD0: { Make: 'ResidentPhone', Model: 'RP-1' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '22/1 32/1 3720/100', GPSLongitudeRef: 'E', GPSLongitude: '113/1 55/1 4980/100' },
    })
    .toBuffer();
}
