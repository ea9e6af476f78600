-- wrk script: each request asks for a path picked at random from a file of paths, one a line.
--   wrk -t2 -c64 -d10s -s bench/paths.lua http://127.0.0.1:18080 -- paths.txt
local paths = {}

function init(args)
  for line in io.lines(args[1]) do
    if #line > 0 then paths[#paths + 1] = line end
  end
  -- Each thread has its own Lua state: seed each differently.
  local address = tonumber(tostring({}):match("0x(%x+)") or "0", 16) or 0
  math.randomseed(os.time() + address % 1000003)
end

function request()
  return wrk.format("GET", paths[math.random(#paths)])
end
