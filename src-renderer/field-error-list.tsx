import Box from '@mui/material/Box'

/** Field errors as `path: message` lines, the path in monospace so it reads as a location. */
export const FieldErrorList = ({ fields }: { fields: [string, string][] }) => (
  <Box component="ul" sx={{ m: 0, mt: 0.5, pl: 2.5 }}>
    {fields.map(([path, message]) => (
      <li key={path}>
        <Box component="code" sx={{ fontFamily: 'monospace' }}>
          {path}
        </Box>
        : {message}
      </li>
    ))}
  </Box>
)
