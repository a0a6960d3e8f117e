-- Headless neovim (0.7: no vim.lsp.start, no `nvim -l`) as a second, independent LSP client:
-- opens one page, attaches the Jiaodui server over stdio and writes the diagnostics neovim
-- received to a JSON file. Driven by test/vscode/nvim.test.ts through environment variables.
local server = assert(os.getenv('JIAODUI_SERVER'), 'JIAODUI_SERVER not set')
local file = assert(os.getenv('JIAODUI_FILE'), 'JIAODUI_FILE not set')
local out = assert(os.getenv('JIAODUI_OUT'), 'JIAODUI_OUT not set')
local timeout = tonumber(os.getenv('JIAODUI_TIMEOUT_MS') or '30000')
-- The server may publish twice (a first pass, then again once the dictionary is loaded): a set
-- counts as final when nothing changed for this long.
local quiet = tonumber(os.getenv('JIAODUI_QUIET_MS') or '1000')

local result = { diagnostics = {}, errors = {} }
local function finish()
  local handle = assert(io.open(out, 'w'))
  handle:write(vim.fn.json_encode(result))
  handle:close()
  vim.lsp.stop_client(vim.lsp.get_active_clients())
  vim.cmd('qa!')
end

local ok, err = pcall(function()
  vim.cmd('edit ' .. vim.fn.fnameescape(file))
  local buf = vim.api.nvim_get_current_buf()
  local last_change = nil
  vim.api.nvim_create_autocmd('DiagnosticChanged', {
    buffer = buf,
    callback = function() last_change = vim.loop.now() end,
  })
  local client_id = vim.lsp.start_client({
    name = 'jiaodui',
    cmd = { 'node', server, '--stdio' },
    root_dir = vim.fn.fnamemodify(file, ':p:h'),
    -- Neovim's filetype for .txt is `text`; the explicit language id is the server's own.
    get_language_id = function() return 'newspaper' end,
    on_exit = function(code, signal)
      if code ~= 0 then table.insert(result.errors, 'server exited with ' .. code .. '/' .. signal) end
    end,
  })
  assert(client_id, 'vim.lsp.start_client failed')
  assert(vim.lsp.buf_attach_client(buf, client_id), 'buf_attach_client failed')

  local started = vim.loop.now()
  vim.wait(timeout, function()
    return last_change ~= nil and #vim.diagnostic.get(buf) > 0 and vim.loop.now() - last_change >= quiet
  end, 50)
  result.elapsed_ms = vim.loop.now() - started
  result.line_count = vim.api.nvim_buf_line_count(buf)
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    table.insert(result.diagnostics, {
      lnum = d.lnum, col = d.col, end_lnum = d.end_lnum, end_col = d.end_col,
      code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code),
      severity = d.severity, source = d.source, message = d.message,
    })
  end
end)
if not ok then table.insert(result.errors, tostring(err)) end
finish()
