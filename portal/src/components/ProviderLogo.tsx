/** A provider's logo from the server (an SVG under /portal/providers/…), decorative next to its name. */
export function ProviderLogo({ url, size = 40 }: { url: string | null | undefined; size?: number }) {
  if (!url) return <span className="provider-logo provider-logo--none" aria-hidden="true" />;
  return <img className="provider-logo" src={url} alt="" width={size} height={size} />;
}
