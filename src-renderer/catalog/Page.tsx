import { ComingSoon } from '../shell/coming-soon'

export const CatalogPage = () => (
  <ComingSoon
    area="catalog"
    description="Plans, versions, features and pricing models (flat, tiered, volume, package)."
  />
)
