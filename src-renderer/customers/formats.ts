// Formatting lives in one module; these names stay for the screens that import them from here.
export { formatMinute, formatQuantity } from '../format'
